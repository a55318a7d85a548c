// Since C++20 (P0487) the array overload stops at the array's size and the
// 'char *' overload is gone: an array is not reported.
// RUN: %check_medsec %s medsec-banned-functions %t -- -std=c++20

namespace std {
typedef __SIZE_TYPE__ size_t;
class istream {};
template <size_t N> istream &operator>>(istream &in, char (&s)[N]);
extern istream cin;
} // namespace std

void read_word() {
  char word[16];
  std::cin >> word; // no-warning: bounded to 15 characters by the library
}
