/* Logging a received label (hand-written case). */
#include <stdio.h>
#include <stdint.h>
#include <sys/types.h>
#include <unistd.h>
void app_log(int lvl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void label_bad(int fd)
{
    char label[32];
    ssize_t n = read(fd, label, sizeof label - 1);
    if (n <= 0)
        return;
    label[n] = 0;
    app_log(1, label);
}

void label_good(int fd)
{
    char label[32];
    ssize_t n = read(fd, label, sizeof label - 1);
    if (n <= 0)
        return;
    label[n] = 0;
    app_log(1, "label %s", label);
}
