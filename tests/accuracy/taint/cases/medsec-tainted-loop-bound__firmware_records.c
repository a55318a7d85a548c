/* Record count from a queue message (hand-written case). */
#include <stdint.h>
int xQueueReceive(void *q, void *item, uint32_t ticks);
extern void write_record(uint32_t i);
struct job { uint32_t first; uint32_t count; };

void records_bad(void *q)
{
    struct job j;
    if (!xQueueReceive(q, &j, 10))
        return;
    for (uint32_t i = 0; i < j.count; i++)
        write_record(j.first + i);
}

void records_good(void *q)
{
    struct job j;
    if (!xQueueReceive(q, &j, 10))
        return;
    if (j.count == 0 || j.count > 64)
        return;
    for (uint32_t i = 0; i < j.count; i++)
        write_record(i);
}
