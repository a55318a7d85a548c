// RUN: %check_medsec %s medsec-tainted-array-index %t -- -std=c++17
// Received data handed to a virtual call reaches every overrider the unit
// defines in a class derived from the object's static type; a member of the
// handler object filled before the call is what its methods see in this->;
// a table of handler objects indexed with a received byte calls an element.
// Look-alikes: an overrider that bounds its parameter, an overrider in a class
// not derived from the called static type, a qualified (not dispatched) call,
// a virtual call with constant arguments, a pure virtual method the unit never
// overrides, a checked table index, a switch that selects the handler, a map
// lookup, and a non-virtual method of a table element (an index finding, but
// nothing is called through the element).
typedef unsigned char uint8_t;
typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
ssize_t recv(int, void *, size_t, int);
extern void use(int v);
static int table[16];

class Handler {
public:
  virtual ~Handler() = default;
  virtual void handle(const uint8_t *frame, size_t len) = 0;
};

class SetMode : public Handler {
public:
  void handle(const uint8_t *frame, size_t len) override { use(table[frame[1]]); }
  // CHECK-NOTES: :[[@LINE-1]]:70: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE+32]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE+32]]:13: note: dispatched to 'SetMode::handle' as 'frame' here
};

class SetRate : public Handler {
public:
  void handle(const uint8_t *frame, size_t len) override {
    if (frame[1] < 16)
      use(table[frame[1]]); // no-warning, bounded before use
  }
};

// The same method name in another hierarchy, only ever called with constants.
class Sink {
public:
  virtual void handle(const uint8_t *frame, size_t len) = 0;
};
class Unrelated : public Sink {
public:
  void handle(const uint8_t *frame, size_t len) override {
    use(table[frame[2]]); // no-warning, not derived from Handler
  }
};

// A method no class of the unit overrides: nothing is known of its code.
class Processor {
public:
  virtual void process(uint8_t v) = 0;
};

void dispatch(int sock, Handler *h, Sink *s, Processor &p) {
  uint8_t rx[8];
  recv(sock, rx, sizeof rx, 0);
  h->handle(rx, sizeof rx);
  const uint8_t k[2] = {1, 2};
  s->handle(k, sizeof k);
  p.process(rx[0]); // no-warning, no overrider in the unit
}

// The static type decides: through a Mid *, Mid's and Leaf's code may run,
// never Sibling's.
class Port {
public:
  virtual void on_frame(const uint8_t *f) = 0;
};
class Mid : public Port {
public:
  void on_frame(const uint8_t *f) override {
    if (f[0] < 16)
      use(table[f[0]]); // no-warning, checked
  }
};
class Leaf : public Mid {
public:
  void on_frame(const uint8_t *f) override { use(table[f[1]]); }
  // CHECK-NOTES: :[[@LINE-1]]:56: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE+12]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE+13]]:14: note: dispatched to 'Leaf::on_frame' as 'f' here
};
class Sibling : public Port {
public:
  void on_frame(const uint8_t *f) override {
    use(table[f[2]]); // no-warning, not derived from Mid
  }
};

void through_reference(int sock, Mid &m) {
  uint8_t rx[4];
  recv(sock, rx, sizeof rx, 0);
  Mid &r = m;
  r.on_frame(rx);
  m.Mid::on_frame(rx); // no-warning, a qualified call runs Mid's code only
}

// The implicit object: what the caller receives into cmd->payload_ is what
// Move::execute reads as its own member.
class Command {
public:
  virtual ~Command() = default;
  virtual void execute() = 0;
  uint8_t payload_[8];
  uint8_t mode_;
};
class Move : public Command {
public:
  void execute() override {
    use(table[payload_[0]]);
    // CHECK-NOTES: :[[@LINE-1]]:15: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
    // CHECK-NOTES: :[[@LINE+7]]:3: note: value received by 'recv' here
    // CHECK-NOTES: :[[@LINE-9]]:11: note: stored in member 'Command::payload_' declared here
    use(table[mode_]); // no-warning, only ever written with a constant
  }
};

void run_command(int sock, Command *cmd) {
  recv(sock, cmd->payload_, sizeof cmd->payload_, 0);
  cmd->mode_ = 3;
  cmd->execute();
}

// The other way: what a method receives into this->len_, its caller reads as
// link.len_.
class Link {
public:
  void poll(int sock) { recv(sock, &len_, sizeof len_, 0); }
  uint8_t len_;
  uint8_t seq_;
};

void after_poll(int sock, Link &link) {
  link.poll(sock);
  use(table[link.len_]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-9]]:25: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE-9]]:11: note: stored in member 'Link::len_' declared here
  use(table[link.seq_ & 15]); // no-warning, never received, and masked
}

// A method returning what it received: its caller, which receives nothing
// itself, is analysed because it calls the method.
class Feeder {
public:
  uint8_t next(int sock) {
    uint8_t b;
    recv(sock, &b, 1, 0);
    return b;
  }
  uint8_t fixed() { return 3; }
};

void poll_feeder(int sock, Feeder &feeder) {
  use(table[feeder.next(sock)]);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE-9]]:5: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE-3]]:13: note: value returned by 'next' here
  use(table[feeder.fixed()]); // no-warning, a constant
}

// Tables of handler objects.
struct Entry {
  uint8_t id;
  Handler *obj;
};
struct Counter {
  void reset() { n = 0; }
  int n;
};
namespace std {
template <class K, class V> struct map {
  struct node {
    K first;
    V second;
  };
  node *find(const K &k);
  node *end();
};
} // namespace std

class Router {
public:
  void receive(int sock);

private:
  Handler *handlers_[4];
  Entry entries_[4];
  Counter counters_[4];
  std::map<uint8_t, Handler *> by_id_;
  uint8_t rx_[8];
};

void Router::receive(int sock) {
  recv(sock, rx_, sizeof rx_, 0);
  const uint8_t k[2] = {0, 0};
  handlers_[rx_[0]]->handle(k, sizeof k);
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (4); reject values outside [0, 4) before the access (the element is called: an index out of range jumps to an address the sender chooses)
  // CHECK-NOTES: :[[@LINE-4]]:3: note: value received by 'recv' here
  entries_[rx_[1]].obj->handle(k, sizeof k);
  // CHECK-NOTES: :[[@LINE-1]]:12: warning: index derived from received data is not checked against the array bound (4); reject values outside [0, 4) before the access (the element is called: an index out of range jumps to an address the sender chooses)
  // CHECK-NOTES: :[[@LINE-7]]:3: note: value received by 'recv' here
  counters_[rx_[2]].reset(); // a non-virtual method: nothing is called through the element
  // CHECK-NOTES: :[[@LINE-1]]:13: warning: index derived from received data is not checked against the array bound (4); reject values outside [0, 4) before the access {{\[medsec-tainted-array-index\]}}
  // CHECK-NOTES: :[[@LINE-10]]:3: note: value received by 'recv' here
  if (rx_[3] < 4)
    handlers_[rx_[3]]->handle(k, sizeof k); // no-warning, checked
  switch (rx_[4]) {
  case 0:
    handlers_[0]->handle(k, sizeof k); // no-warning, selected by a switch
    break;
  case 1:
    handlers_[rx_[4]]->handle(k, sizeof k); // no-warning, the case fixes it
    break;
  default:
    break;
  }
  auto *it = by_id_.find(rx_[5]);
  if (it != by_id_.end())
    it->second->handle(k, sizeof k); // no-warning, looked up in a map
}
