// RUN: %check_medsec %s medsec-tainted-memory-size %t -- -std=gnu11
// ESP-IDF's HTTP client: the content length the server announces, the body it sends and the
// headers the event handler gets are external (docs/accuracy/firmware.md, ecc1/gnarl's
// Nightscout client, whose clamped read is the look-alike below).
typedef unsigned int size_t;
typedef int esp_err_t;
typedef struct esp_http_client *esp_http_client_handle_t;
typedef enum { HTTP_EVENT_ERROR, HTTP_EVENT_ON_HEADER, HTTP_EVENT_ON_DATA } esp_http_client_event_id_t;
typedef struct esp_http_client_event {
  esp_http_client_event_id_t event_id;
  esp_http_client_handle_t client;
  void *data;
  int data_len;
  void *user_data;
  char *header_key;
  char *header_value;
} esp_http_client_event_t;
typedef esp_err_t (*http_event_handle_cb)(esp_http_client_event_t *evt);
typedef struct {
  const char *url;
  http_event_handle_cb event_handler;
} esp_http_client_config_t;
esp_http_client_handle_t esp_http_client_init(const esp_http_client_config_t *cfg);
int esp_http_client_fetch_headers(esp_http_client_handle_t c);
int esp_http_client_read(esp_http_client_handle_t c, char *buf, int len);
void *memcpy(void *dst, const void *src, size_t n);

static char response[512];
static char body[64];

// The look-alike: a length the server announces, clamped to the buffer before the reads.
char *http_get(esp_http_client_handle_t client) {
  int len = esp_http_client_fetch_headers(client);
  char *p = response;
  if (len == -1)
    return 0;
  if (len >= (int)sizeof(response))
    len = sizeof(response) - 1;
  while (len > 0) {
    int n = esp_http_client_read(client, p, len);
    if (n <= 0)
      break;
    p += n;
    len -= n;
  }
  *p = 0;
  return response;
}

// The announced length copied as it is.
void copy_announced(esp_http_client_handle_t client) {
  int len = esp_http_client_fetch_headers(client);
  esp_http_client_read(client, response, sizeof response);
  memcpy(body, response, len);
  // CHECK-NOTES: :[[@LINE-1]]:26: warning: size passed to 'memcpy' is derived from received content length and not checked against the destination size (64); reject larger values before the call
  // CHECK-NOTES: :[[@LINE-4]]:13: note: value received by 'esp_http_client_fetch_headers' here
}

// The event handler gets what the server sent: a data event's length copied as it is.
static esp_err_t on_event(esp_http_client_event_t *e) {
  if (e->event_id == HTTP_EVENT_ON_DATA)
    memcpy(body, e->data, e->data_len);
  // CHECK-NOTES: :[[@LINE-1]]:27: warning: size passed to 'memcpy' is derived from received data and not checked against the destination size (64); reject larger values before the call
  // CHECK-NOTES: :[[@LINE-4]]:52: note: value received as parameter 'e' of 'on_event' here
  if (e->event_id == HTTP_EVENT_ON_DATA && e->data_len <= (int)sizeof body && e->data_len >= 0)
    memcpy(body, e->data, e->data_len); // checked: the look-alike
  return 0;
}

esp_http_client_handle_t start(const char *url) {
  esp_http_client_config_t config = {.url = url, .event_handler = on_event};
  return esp_http_client_init(&config);
}
