/* Dose computation from BLE-written values (hand-written case). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
extern void set_dose(int32_t ul);

void dose_bad(void)
{
    char line[16];
    if (!fgets(line, sizeof line, stdin))
        return;
    int32_t rate = (int32_t)strtol(line, NULL, 10);
    set_dose(rate * 60);
}

void dose_good(void)
{
    char line[16];
    if (!fgets(line, sizeof line, stdin))
        return;
    int32_t rate = (int32_t)strtol(line, NULL, 10);
    if (rate < 0 || rate > 1200)
        return;
    set_dose(rate * 60);
}
