// RUN: %check_medsec %s medsec-array-out-of-bounds %t -- -std=c++17

typedef unsigned char uint8_t;
void touch(int &v);

static int table[8];

// A member function and a range written with constexpr.
struct Filter {
  static constexpr int Taps = 8;
  int coeff[Taps];
  void reset() {
    for (int i = 0; i <= Taps; ++i)
      coeff[i] = 0;
      // CHECK-NOTES: :[[@LINE-1]]:13: warning: index 'i' ranges over [0, 8] on this path and reaches past the end of 'coeff', which has 8 elements; keep it below 8
      // CHECK-NOTES: :[[@LINE-3]]:21: note: 'i' reaches 8 through this condition
      // CHECK-NOTES: :[[@LINE-6]]:7: note: 'coeff' is declared here as 'int[8]'
  }
  void reset_ok() {
    for (int i = 0; i < Taps; ++i)
      coeff[i] = 0; // no-warning
  }
};

// A counter changed through a reference or a lambda's capture is not the
// CFG's to follow: nothing is proven.
void through_reference() {
  for (int i = 0; i <= 8; ++i) {
    touch(i);
    table[i] = 0; // no-warning: touch may change i
  }
  for (int i = 0; i <= 8; ++i) {
    auto skip = [&i] { i += 8; };
    skip();
    table[i] = 0; // no-warning: the lambda changes i
  }
}

// A template is checked once its types are known, not per instantiation.
template <int N> void fill(int (&a)[N]) {
  for (int i = 0; i < N; ++i)
    a[i] = 0; // no-warning: bounded by the template's own N
}
void use_fill() { fill(table); }
