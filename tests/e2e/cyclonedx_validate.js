// Validates a CycloneDX JSON file with the CycloneDX project's own strict validator
// (npm @cyclonedx/cyclonedx-library with ajv, ajv-formats, ajv-formats-draft2019; tools/setup.sh).
// Usage: node cyclonedx_validate.js FILE [SPEC_VERSION]   exit 0 valid, 1 invalid, 2 unusable
'use strict';
const fs = require('fs');
let lib;
try {
  lib = require('@cyclonedx/cyclonedx-library');
} catch (e) {
  console.error('cannot load @cyclonedx/cyclonedx-library (run npm ci): ' + e.message);
  process.exit(2);
}
const version = 'v' + (process.argv[3] || '1.6').replace('.', 'dot');
const validator = new lib.Validation.JsonStrictValidator(lib.Spec.Version[version]);
validator.validate(fs.readFileSync(process.argv[2], 'utf8')).then((errors) => {
  if (errors === null) {
    console.log('valid CycloneDX ' + (process.argv[3] || '1.6'));
    return;
  }
  console.log(JSON.stringify(errors, null, 1));
  process.exit(1);
}, (e) => {
  console.error(e.message);
  process.exit(2);
});
