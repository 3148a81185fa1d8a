// Validates an OpenAPI document with @apidevtools/swagger-parser (the schema of the OpenAPI
// specification, then its own semantic checks, with every $ref resolved). Usage:
//   node check.mjs docs/api/openapi.yaml
// Exits 0 when valid; otherwise prints the validator's message and exits 1.
import SwaggerParser from "@apidevtools/swagger-parser";

const file = process.argv[2];
if (!file) {
  console.error("usage: node check.mjs <openapi.yaml>");
  process.exit(2);
}
try {
  const api = await SwaggerParser.validate(file);
  console.log(`${file}: valid OpenAPI ${api.openapi ?? api.swagger} (${Object.keys(api.paths ?? {}).length} paths)`);
} catch (error) {
  console.error(`${file}: not valid OpenAPI: ${error.message}`);
  process.exit(1);
}
