#!/usr/bin/env python3
"""Generates the labelled taint corpus: small C programs in the style of the
NIST Juliet suite (one file per source x flow x sink, each with a bad() and
good variants goodG2B (good source, bad sink) and goodB2G (bad source, good
sink)). Labels come from function names: a finding in a function whose name
contains "bad" is a true positive, in one containing "good" a false positive.

usage: generate.py OUTDIR
Written from the Juliet design (sources, flow variants, sinks), not copied.
"""
import os
import sys

HEADER = r'''#include "support.h"
'''

# --- sources: (name, code filling `data`) per data kind --------------------
INT_SOURCES = {
    "fgets": '''{
        char inputBuffer[CHAR_ARRAY_SIZE] = "";
        if (fgets(inputBuffer, CHAR_ARRAY_SIZE, stdin) != NULL)
        {
            data = atoi(inputBuffer);
        }
        else
        {
            printLine("fgets() failed.");
        }
    }''',
    "fscanf": '''fscanf(stdin, "%d", &data);''',
    "recv": '''{
        char inputBuffer[CHAR_ARRAY_SIZE];
        int recvResult;
        int connectSocket = socket(2, 1, 6);
        recvResult = recv(connectSocket, inputBuffer, CHAR_ARRAY_SIZE - 1, 0);
        if (recvResult <= 0)
        {
            printLine("recv() failed.");
        }
        else
        {
            inputBuffer[recvResult] = '\\0';
            data = atoi(inputBuffer);
        }
    }''',
    "rand": '''data = RAND32();''',
    "getenv": '''{
        char * env = getenv("ADD");
        if (env != NULL)
        {
            data = (int)strtol(env, NULL, 10);
        }
    }''',
}
SIZE_SOURCES = {
    "fgets": '''{
        char inputBuffer[CHAR_ARRAY_SIZE] = "";
        if (fgets(inputBuffer, CHAR_ARRAY_SIZE, stdin) != NULL)
        {
            data = strtoul(inputBuffer, NULL, 0);
        }
    }''',
    "fscanf": '''fscanf(stdin, "%zu", &data);''',
    "rand": '''data = (size_t)rand();''',
    "read": '''{
        int fd = open("in.bin", 0);
        if (read(fd, &data, sizeof(data)) != (ssize_t)sizeof(data))
        {
            data = 0;
        }
    }''',
}
STR_SOURCES = {
    "fgets": '''{
        size_t dataLen = strlen(data);
        if (100-dataLen > 1)
        {
            if (fgets(data+dataLen, (int)(100-dataLen), stdin) != NULL)
            {
                dataLen = strlen(data);
                if (dataLen > 0 && data[dataLen-1] == '\\n')
                {
                    data[dataLen-1] = '\\0';
                }
            }
        }
    }''',
    "getenv": '''{
        size_t dataLen = strlen(data);
        char * environment = getenv("ADD");
        if (environment != NULL)
        {
            strncat(data+dataLen, environment, 100-dataLen-1);
        }
    }''',
    "recv": '''{
        int recvResult;
        size_t dataLen = strlen(data);
        int connectSocket = socket(2, 1, 6);
        recvResult = recv(connectSocket, (char *)(data + dataLen), sizeof(char) * (100 - dataLen - 1), 0);
        if (recvResult > 0)
        {
            data[dataLen + recvResult / sizeof(char)] = '\\0';
        }
    }''',
    "fscanf": '''fscanf(stdin, "%99s", data);''',
}

# --- sinks per check: (data kind, init, good source, bad sink, good sink) ---
CHECKS = {
    "medsec-tainted-array-index": dict(kind="int", init="data = -1;", goodsrc="data = 7;",
        bad='''{
        int buffer[10] = { 0 };
        if (data >= 0)
        {
            buffer[data] = 1;
            printIntLine(buffer[0]);
        }
        else
        {
            printLine("ERROR: Array index is negative.");
        }
    }''',
        good='''{
        int buffer[10] = { 0 };
        if (data >= 0 && data < (10))
        {
            buffer[data] = 1;
            printIntLine(buffer[0]);
        }
        else
        {
            printLine("ERROR: Array index is out-of-bounds");
        }
    }'''),
    "medsec-tainted-loop-bound": dict(kind="int", init="data = -1;", goodsrc="data = 7;",
        bad='''{
        int i, intVariable = 0;
        for (i = 0; i < data; i++)
        {
            intVariable++;
        }
        printIntLine(intVariable);
    }''',
        good='''{
        int i, intVariable = 0;
        if (data < MAX_LOOP)
        {
            for (i = 0; i < data; i++)
            {
                intVariable++;
            }
        }
        printIntLine(intVariable);
    }'''),
    "medsec-tainted-arithmetic": dict(kind="int", init="data = 0;", goodsrc="data = 2;",
        bad='''{
        int result = data + 1;
        printIntLine(result);
    }''',
        good='''{
        if (data < INT_MAX)
        {
            int result = data + 1;
            printIntLine(result);
        }
        else
        {
            printLine("data value is too large to perform arithmetic safely.");
        }
    }'''),
    "medsec-tainted-memory-size": dict(kind="size", init="data = 0;", goodsrc="data = 20;",
        bad='''{
        char * myString;
        if (data > strlen(HELLO_STRING))
        {
            myString = (char *)malloc(data*sizeof(char));
            if (myString == NULL) {exit(-1);}
            strcpy(myString, HELLO_STRING);
            printLine(myString);
            free(myString);
        }
    }''',
        good='''{
        char * myString;
        if (data > strlen(HELLO_STRING) && data < 100)
        {
            myString = (char *)malloc(data*sizeof(char));
            if (myString == NULL) {exit(-1);}
            strcpy(myString, HELLO_STRING);
            printLine(myString);
            free(myString);
        }
        else
        {
            printLine("Input is less than the length of the source string or too large");
        }
    }'''),
    "medsec-tainted-format-string": dict(kind="str", init='data = dataBuffer;', goodsrc='strcpy(data, "fixedstringtest");',
        bad='''printf(data);''', good='''printf("%s\\n", data);'''),
    "medsec-tainted-command": dict(kind="str", init='data = dataBuffer;', goodsrc='strcat(data, "*.*");',
        bad='''if (system(data) != 0)
    {
        printLine("command execution failed!");
        exit(1);
    }''', good=None),
}
ARITH_EXTRA = {
    # further sinks of the arithmetic check (type, init, good source, bad, good)
    "multiply": ("int", '''if(data > 0)
    {
        int result = data * 2;
        printIntLine(result);
    }''', '''if(data > 0)
    {
        if (data < (INT_MAX/2))
        {
            int result = data * 2;
            printIntLine(result);
        }
    }'''),
    "square": ("int", '''{
        int result = data * data;
        printIntLine(result);
    }''', '''if (abs((long)data) <= (long)sqrt((double)INT_MAX))
    {
        int result = data * data;
        printIntLine(result);
    }'''),
    "postinc": ("int", '''{
        data++;
        int result = data;
        printIntLine(result);
    }''', '''if (data < INT_MAX)
    {
        data++;
        int result = data;
        printIntLine(result);
    }'''),
    "sub": ("int", '''{
        int result = data - 1;
        printIntLine(result);
    }''', '''if (data > INT_MIN)
    {
        int result = data - 1;
        printIntLine(result);
    }'''),
}

# --- flow variants: how data travels from source to sink --------------------
def flow_01(T, init, src, sink, name):
    return f'''void {name}()
{{
    {T} data;
    {init}
    {src}
    {sink}
}}
'''

def flow_if(cond):
    def f(T, init, src, sink, name):
        return f'''void {name}()
{{
    {T} data;
    {init}
    if({cond})
    {{
        {src}
    }}
    if({cond})
    {{
        {sink}
    }}
}}
'''
    return f

def flow_switch(T, init, src, sink, name):
    return f'''void {name}()
{{
    {T} data;
    {init}
    switch(6)
    {{
    case 6:
        {src}
        break;
    default:
        printLine("Benign, fixed string");
        break;
    }}
    switch(7)
    {{
    case 7:
        {sink}
        break;
    default:
        printLine("Benign, fixed string");
        break;
    }}
}}
'''

def flow_while(T, init, src, sink, name):
    return f'''void {name}()
{{
    {T} data;
    {init}
    while(1)
    {{
        {src}
        break;
    }}
    while(1)
    {{
        {sink}
        break;
    }}
}}
'''

def flow_for(T, init, src, sink, name):
    return f'''void {name}()
{{
    int j;
    {T} data;
    {init}
    for(j = 0; j < 1; j++)
    {{
        {src}
    }}
    for(j = 0; j < 1; j++)
    {{
        {sink}
    }}
}}
'''

def flow_31(T, init, src, sink, name):
    return f'''void {name}()
{{
    {T} data;
    {init}
    {src}
    {{
        {T} dataCopy = data;
        {T} data = dataCopy;
        {sink}
    }}
}}
'''

def flow_32(T, init, src, sink, name):
    return f'''void {name}()
{{
    {T} data;
    {T} *dataPtr1 = &data;
    {T} *dataPtr2 = &data;
    {init}
    {{
        {T} data = *dataPtr1;
        {src}
        *dataPtr1 = data;
    }}
    {{
        {T} data = *dataPtr2;
        {sink}
    }}
}}
'''

def flow_34(T, init, src, sink, name):
    return f'''typedef union {{ {T} unionFirst; {T} unionSecond; }} {name}_unionType;
void {name}()
{{
    {T} data;
    {name}_unionType myUnion;
    {init}
    {src}
    myUnion.unionFirst = data;
    {{
        {T} data = myUnion.unionSecond;
        {sink}
    }}
}}
'''

def flow_41(T, init, src, sink, name):
    return f'''static void {name}Sink({T} data)
{{
    {sink}
}}
void {name}()
{{
    {T} data;
    {init}
    {src}
    {name}Sink(data);
}}
'''

def flow_42(T, init, src, sink, name):
    return f'''static {T} {name}Source({T} data)
{{
    {src}
    return data;
}}
void {name}()
{{
    {T} data;
    {init}
    data = {name}Source(data);
    {sink}
}}
'''

def flow_44(T, init, src, sink, name):
    return f'''static void {name}Sink({T} data)
{{
    {sink}
}}
void {name}()
{{
    {T} data;
    void (*funcPtr) ({T}) = {name}Sink;
    {init}
    {src}
    funcPtr(data);
}}
'''

def flow_45(T, init, src, sink, name):
    return f'''static {T} {name}Data;
static void {name}Sink()
{{
    {T} data = {name}Data;
    {sink}
}}
void {name}()
{{
    {T} data;
    {init}
    {src}
    {name}Data = data;
    {name}Sink();
}}
'''

def flow_63(T, init, src, sink, name):
    return f'''static void {name}Sink({T} * dataPtr)
{{
    {T} data = *dataPtr;
    {sink}
}}
void {name}()
{{
    {T} data;
    {init}
    {src}
    {name}Sink(&data);
}}
'''

def flow_66(T, init, src, sink, name):
    return f'''static void {name}Sink({T} dataArray[])
{{
    {T} data = dataArray[2];
    {sink}
}}
void {name}()
{{
    {T} data;
    {T} dataArray[5];
    {init}
    {src}
    dataArray[2] = data;
    {name}Sink(dataArray);
}}
'''

def flow_67(T, init, src, sink, name):
    return f'''typedef struct {{ {T} structFirst; }} {name}_structType;
static void {name}Sink({name}_structType myStruct)
{{
    {T} data = myStruct.structFirst;
    {sink}
}}
void {name}()
{{
    {T} data;
    {name}_structType myStruct;
    {init}
    {src}
    myStruct.structFirst = data;
    {name}Sink(myStruct);
}}
'''

FLOWS = {
    "01": flow_01, "02": flow_if("1"), "05": flow_if("staticTrue"), "08": flow_if("staticReturnsTrue()"),
    "11": flow_if("globalReturnsTrue()"), "15": flow_switch, "16": flow_while, "17": flow_for,
    "31": flow_31, "32": flow_32, "34": flow_34, "41": flow_41, "42": flow_42, "44": flow_44,
    "45": flow_45, "63": flow_63, "66": flow_66, "67": flow_67,
}

def write_case(out, check, src_name, src, flow, fn, T, init, goodsrc, bad, good, tag=""):
    base = f"{check}__{src_name}{tag}_{flow}"
    pre = ""
    if "Buffer" in init:
        pre = "char dataBuffer[100] = \"\";\n    "
        if check == "medsec-tainted-command":
            pre = "char dataBuffer[100] = \"ls \";\n    "
    body = [HEADER]
    body.append(fn(T, pre + init, src, bad, f"{base}_bad".replace("-", "_")))
    body.append(fn(T, pre + init, goodsrc, bad, f"{base}_goodG2B".replace("-", "_")))
    if good:
        body.append(fn(T, pre + init, src, good, f"{base}_goodB2G".replace("-", "_")))
    with open(os.path.join(out, base + ".c"), "w") as f:
        f.write("\n".join(body))

def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    n = 0
    for check, c in CHECKS.items():
        sources = {"int": INT_SOURCES, "size": SIZE_SOURCES, "str": STR_SOURCES}[c["kind"]]
        T = {"int": "int", "size": "size_t", "str": "char *"}[c["kind"]]
        for sname, src in sources.items():
            for flow, fn in FLOWS.items():
                write_case(out, check, sname, src, flow, fn, T, c["init"], c["goodsrc"], c["bad"], c["good"])
                n += 1
    for op, (T, bad, good) in ARITH_EXTRA.items():
        for sname, src in INT_SOURCES.items():
            for flow, fn in FLOWS.items():
                write_case(out, "medsec-tainted-arithmetic", sname, src, flow, fn, T, "data = 0;", "data = 2;", bad, good, "_" + op)
                n += 1
    print(n, "files in", out)

if __name__ == "__main__":
    main()
