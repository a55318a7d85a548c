/* TLV parser over a received buffer (hand-written case). */
#include <stdint.h>
#include <string.h>
#include <sys/types.h>
#include <sys/socket.h>
struct tlv { uint8_t type; uint8_t len; uint8_t value[30]; };

void tlv_bad(int s)
{
    uint8_t rx[64];
    uint8_t name[16];
    if (recv(s, rx, sizeof rx, 0) < 2)
        return;
    const struct tlv *t = (const struct tlv *)rx;
    memcpy(name, t->value, t->len);
}

void tlv_good(int s)
{
    uint8_t rx[64];
    uint8_t name[16];
    if (recv(s, rx, sizeof rx, 0) < 2)
        return;
    const struct tlv *t = (const struct tlv *)rx;
    size_t n = t->len;
    if (n > sizeof name)
        n = sizeof name;
    memcpy(name, t->value, n);
}
