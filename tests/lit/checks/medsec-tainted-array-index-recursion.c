// RUN: %check_medsec %s medsec-tainted-array-index %t -- -std=c11
// A function that calls itself passes its own sinks on to its parameters while
// its summary is being built (this aborted with bad_function_call once, on
// FatFs ff.c): each sink is reported once, through the outer call.
typedef __SIZE_TYPE__ size_t;
typedef long ssize_t;
ssize_t recv(int, void *, size_t, int);
static int table[16];

int walk(int i, int d) {
  if (d > 0)
    walk(i, d - 1);
  table[i] = 1;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from received data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE+36]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE+37]]:15: note: passed to 'walk' as 'i' here
  table[i + 1] = 2;
  // CHECK-NOTES: :[[@LINE-1]]:9: warning: index derived from received data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE+32]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE+33]]:15: note: passed to 'walk' as 'i' here
  if (d > 1)
    walk(i, d - 2);
  return table[i + 3];
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: index derived from received data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE+26]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE+27]]:15: note: passed to 'walk' as 'i' here
}

// Arguments swapped on the way down: both parameters reach the index.
int swap(int a, int b, int d) {
  if (d > 0)
    return swap(b, a, d - 1);
  return table[a];
  // CHECK-NOTES: :[[@LINE-1]]:16: warning: index derived from received data is checked neither against 0 nor against the array bound (16); reject values outside [0, 16) before the access
  // CHECK-NOTES: :[[@LINE+17]]:3: note: value received by 'recv' here
  // CHECK-NOTES: :[[@LINE+17]]:31: note: passed to 'swap' as 'b' here
  // CHECK-NOTES: :[[@LINE-5]]:17: note: passed to 'swap' as 'a' here
}

// Checked before the recursion: the look-alike stays silent.
int walk_checked(int i, int d) {
  if (i < 0 || i > 12)
    return -1;
  if (d > 0)
    walk_checked(i, d - 1);
  return table[i] + table[i + 3];
}

int entry(int s) {
  int v, w;
  recv(s, &v, sizeof v, 0);
  recv(s, &w, sizeof w, 0);
  return walk(v, 3) + swap(0, w, 2) + walk_checked(v, 3);
}
