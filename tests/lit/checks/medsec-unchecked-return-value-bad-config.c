// A truncation-sinks argument that is not a 0-based index is a configuration
// error naming the entry and the value, not silently argument 0; so is an
// inference threshold out of range, which turns the inference off.
// RUN: clang-tidy-19 --load=%plugin -checks='-*,medsec-unchecked-return-value' --config "{CheckOptions: {medsec.ProjectRules: '%inputs/unchecked-bad-rules.yaml'}}" %s -- -std=c11 2>&1 | FileCheck %s
// CHECK: warning: medsec-unchecked-return-value: inference entry 'project-must-check': min-calls must be at least 1 and min-percent between 1 and 100, not 3 and 150; the inferred must-check is off [clang-tidy-config]
// CHECK: warning: medsec-unchecked-return-value: truncation-sinks entry 'storage_open': argument 'path' is not a 0-based index [clang-tidy-config]

int unused;
