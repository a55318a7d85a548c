// A project declares the tri-state convention of its own secure-element driver.
// RUN: %check_medsec %s medsec-unchecked-return-value %t --config "{CheckOptions: {medsec.ProjectRules: '%inputs/unchecked-project-rules.yaml'}}" -- -std=c11

int se_ecdsa_verify(const unsigned char *digest, const unsigned char *sig, int slot);
int se_wake(void);
int se_read_counter(void); // not declared by the project: not must-check

int image_is_authentic(const unsigned char *digest, const unsigned char *sig) {
  if (se_wake())                                   // no-warning: 0 success, negative error
    return 0;
  if (se_ecdsa_verify(digest, sig, 2))
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'se_ecdsa_verify' is tested the wrong way: the failure value -1 takes the same branch as the success value 1; its convention: 1 is success, 0 and negative values are failures [medsec-unchecked-return-value]
    return 1;
  _Bool ok = se_ecdsa_verify(digest, sig, 3);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: the result of 'se_ecdsa_verify' is converted to bool, so the failure value -1 becomes true like the success value 1
  int rc = se_ecdsa_verify(digest, sig, 4);
  if (!rc)
  // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: the result of 'se_ecdsa_verify' stored in 'rc' is tested the wrong way
    return 0;
  if (se_ecdsa_verify(digest, sig, 5) == 1)        // no-warning
    return ok;
  if (se_ecdsa_verify(digest, sig, 6) != 1)        // no-warning
    return 0;
  if (se_read_counter())                           // no-warning: not declared
    return 0;
  return se_ecdsa_verify(digest, sig, 7) > 0;      // no-warning
}
