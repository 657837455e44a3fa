// Fuzz target: a web archive (WARC 1.0/1.1), possibly compressed, read record by record; each
// response that reads is cleaned by the reader. Damage is reported and reading goes on.
#include "fuzz/fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  frontline::fuzz::RunSource(frontline::doc::Format::kWarc, data, size);
  return 0;
}
