// RUN: %check_medsec %s medsec-hardcoded-credentials %t -- -std=c11

// Windows logon, network and credential-manager APIs, CryptoAPI container PINs,
// crypt(3) and PAM, with their look-alikes. Declarations mocked as the SDK spells them.
typedef __SIZE_TYPE__ size_t;
typedef void *HANDLE;
typedef unsigned char BYTE;
int LogonUserA(const char *user, const char *domain, const char *password, unsigned type,
               unsigned provider, HANDLE *token);
typedef struct _NETRESOURCEA { const char *lpRemoteName; } NETRESOURCEA;
unsigned long WNetAddConnection2A(NETRESOURCEA *res, const char *password, const char *user,
                                  unsigned long flags);
unsigned long WNetAddConnection3A(HANDLE owner, NETRESOURCEA *res, const char *password,
                                  const char *user, unsigned long flags);
typedef struct _CREDENTIALA {
  unsigned long Type;
  char *TargetName;
  unsigned long CredentialBlobSize;
  BYTE *CredentialBlob;
} CREDENTIALA;
int CredWriteA(CREDENTIALA *cred, unsigned long flags);
typedef unsigned long HCRYPTPROV;
int CryptAcquireContextA(HCRYPTPROV *prov, const char *container, const char *provider,
                         unsigned long type, unsigned long flags);
int CryptSetProvParam(HCRYPTPROV prov, unsigned long param, const BYTE *data, unsigned long flags);
#define PP_KEYEXCHANGE_PIN 32
#define PP_SIGNATURE_PIN 33
#define PP_UI_PROMPT 21
char *crypt(const char *key, const char *salt);
char *strdup(const char *s);
void *calloc(size_t n, size_t size);
struct pam_message { int msg_style; const char *msg; };
struct pam_response { char *resp; int resp_retcode; };
typedef struct pam_handle pam_handle_t;
int pam_set_item(pam_handle_t *pamh, int item_type, const void *item);
#define PAM_USER 2
#define PAM_AUTHTOK 6

int windows_logon(HANDLE *token, const char *typed) {
  LogonUserA("service", ".", "Pump#2019", 2, 0, token);
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: hard-coded password passed to 'LogonUserA'
  return LogonUserA("service", ".", typed, 2, 0, token); // no-warning: entered by the user
}

void network_share(NETRESOURCEA *share, const char *typed) {
  WNetAddConnection2A(share, "Sh4re!pw", "svc", 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: hard-coded password passed to 'WNetAddConnection2A'
  WNetAddConnection3A(0, share, "n3tw0rk-pw", "svc", 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:33: warning: hard-coded password passed to 'WNetAddConnection3A'
  WNetAddConnection2A(share, typed, "svc", 0); // no-warning
  WNetAddConnection2A(share, 0, "svc", 0);     // no-warning: the current user's credentials
}

int credential_manager(const BYTE *entered, unsigned long n) {
  CREDENTIALA c = {0};
  c.TargetName = "pump-service";          // no-warning: a target name, not the secret
  c.CredentialBlob = (BYTE *)"V3ndor!key";
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'CredentialBlob' holds a hard-coded credential; set credentials per device
  CREDENTIALA d = {0};
  d.CredentialBlob = (BYTE *)entered; // no-warning
  d.CredentialBlobSize = n;
  return CredWriteA(&c, 0) && CredWriteA(&d, 0);
}

int key_container(HCRYPTPROV *prov) {
  CryptAcquireContextA(prov, "PumpSigningKeys", 0, 1, 0); // no-warning: the container's name
  CryptSetProvParam(*prov, PP_SIGNATURE_PIN, (const BYTE *)"4711", 0);
  // CHECK-MESSAGES: :[[@LINE-1]]:60: warning: hard-coded PIN passed to 'CryptSetProvParam'; set credentials per device
  return CryptSetProvParam(*prov, PP_UI_PROMPT, (const BYTE *)"Enter the card PIN", 0); // no-warning: not a PIN
}

const char *posix_crypt(const char *typed, const char *salt) {
  const char *h = crypt("r00t!pump", salt);
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: hard-coded password passed to 'crypt'
  (void)h;
  return crypt(typed, salt); // no-warning: hashes what the user typed
}

static int answer_prompts(int n, const struct pam_message **msg, struct pam_response **resp,
                          void *appdata) {
  struct pam_response *r = calloc((size_t)n, sizeof *r);
  r[0].resp = strdup("Serv1ce!");
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: hard-coded password stored in 'resp'; set credentials per device
  r[1].resp = strdup((const char *)appdata); // no-warning: the caller's answer
  *resp = r;
  (void)msg;
  return 0;
}

void pam_items(pam_handle_t *pamh, const char *typed) {
  pam_set_item(pamh, PAM_USER, "nurse");     // no-warning: a user name
  pam_set_item(pamh, PAM_AUTHTOK, "Nurs3#1");
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: hard-coded password passed to 'pam_set_item'
  pam_set_item(pamh, PAM_AUTHTOK, typed); // no-warning
  (void)answer_prompts;
}
