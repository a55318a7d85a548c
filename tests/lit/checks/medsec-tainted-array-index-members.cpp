// RUN: %check_medsec %s medsec-tainted-array-index %t -- -std=c++17
// Received bytes stored in a member array by one method and used by another:
// the members of *this are state the methods share. Look-alikes: a member
// written from constants, a member checked before use, a different member.
typedef unsigned char uint8_t;
typedef unsigned int uint32_t;
typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
ssize_t recv(int, void *, size_t, int);
extern void use(int v);

class CommandChannel {
public:
  void receive(int sock);
  void dispatch();
  void checked_dispatch();
  void reset();
  void defaults();

private:
  uint8_t request_[8];
  uint8_t response_[8];
  uint8_t mode_[2];
  uint32_t length_;
  int table_[16];
};

void CommandChannel::receive(int sock) {
  recv(sock, request_, sizeof request_, 0);
  recv(sock, &length_, sizeof length_, 0);
  response_[0] = 0;
}

void CommandChannel::dispatch() {
  use(table_[request_[1]]);
  // CHECK-NOTES: :[[@LINE-1]]:14: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-8]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE-17]]:11: note: stored in member 'CommandChannel::request_' declared here
  use(this->table_[length_]);
  // CHECK-NOTES: :[[@LINE-1]]:20: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-11]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE-18]]:12: note: stored in member 'CommandChannel::length_' declared here
  use(table_[response_[0]]); // no-warning, a different member, written with a constant
  use(table_[mode_[0]]);     // no-warning, only ever written with constants
}

void CommandChannel::checked_dispatch() {
  if (request_[1] < 16)
    use(table_[request_[1]]); // no-warning, checked before use
  if (length_ < 16)
    use(table_[length_]); // no-warning, checked before use
}

void CommandChannel::defaults() {
  mode_[0] = 3;
  mode_[1] = 7;
}

// A different class with a member of the same name is not the same state.
class Logger {
public:
  void print() { use(table_[request_[0]]); } // no-warning, never received into
  uint8_t request_[4];
  int table_[16];
};
