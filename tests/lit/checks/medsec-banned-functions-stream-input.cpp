// C++ stream input into a character buffer without a width: the C++ form of
// scanf("%s") (CWE-242, CWE-676). Before C++20 an array decays to 'char *'.
// RUN: %check_medsec %s medsec-banned-functions %t -- -std=c++17

// The standard library's shapes, mocked so the test does not depend on the host.
namespace std {
typedef __SIZE_TYPE__ size_t;
class string {};
struct _Setw { int n; };
inline _Setw setw(int n) { return {n}; }
class istream {
public:
  istream &operator>>(int &v);
  long width(long w);
  long width() const;
};
istream &operator>>(istream &in, char *s);
istream &operator>>(istream &in, unsigned char *s);
istream &operator>>(istream &in, char &c);
istream &operator>>(istream &in, _Setw w);
istream &operator>>(istream &in, string &s);
extern istream cin;
} // namespace std

struct command { char name[16]; char arg[32]; };

void read_commands(std::istream &is, char *line, command &cmd) {
  char word[16];
  std::cin >> word;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: '>>' into the array of 16 characters 'word' writes until whitespace with no bound, so a longer word overflows it; use std::string, or std::setw with the buffer size before the extraction [medsec-banned-functions]
  is >> line;
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: '>>' into a 'char *' 'line' writes until whitespace with no bound
  is >> cmd.name >> cmd.arg;
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: '>>' into the array of 16 characters 'name' writes until whitespace with no bound
  // CHECK-MESSAGES: :[[@LINE-2]]:18: warning: '>>' into the array of 32 characters 'arg' writes until whitespace with no bound
  is >> std::setw(16) >> cmd.name >> cmd.arg;
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: '>>' into the array of 32 characters 'arg' writes until whitespace with no bound
  unsigned char raw[8];
  is >> raw;
  // CHECK-MESSAGES: :[[@LINE-1]]:6: warning: '>>' into the array of 8 characters 'raw' writes until whitespace with no bound
}

void look_alikes(std::istream &is, std::istream &other, command &cmd) {
  char word[16];
  std::cin >> std::setw(sizeof word) >> word; // no-warning: the width bounds it
  std::string s;
  is >> s;                                    // no-warning: std::string grows
  int n = 0;
  is >> n;                                    // no-warning: a number
  char c;
  is >> c;                                    // no-warning: one character
  is.width(sizeof cmd.arg);
  is >> cmd.arg;                              // no-warning: width set on this stream
  other.width(0);
  other >> word;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: '>>' into the array of 16 characters 'word' writes until whitespace with no bound
}
