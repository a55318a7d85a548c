/* Diagnostic command from the network (hand-written case). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/socket.h>

void diag_bad(int s)
{
    char cmd[64] = "ping -c 1 ";
    char host[32];
    ssize_t n = recv(s, host, sizeof host - 1, 0);
    if (n <= 0)
        return;
    host[n] = 0;
    strncat(cmd, host, sizeof cmd - strlen(cmd) - 1);
    system(cmd);
}

void diag_good(int s)
{
    char host[32];
    ssize_t n = recv(s, host, sizeof host - 1, 0);
    if (n <= 0)
        return;
    host[n] = 0;
    system("ping -c 1 192.168.0.1");
}
