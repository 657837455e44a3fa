// Fuzz target: a JSONL feed, possibly compressed, read record by record; each record that reads
// is cleaned by the reader. Every problem must be reported, never thrown.
#include "fuzz/fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  frontline::fuzz::RunSource(frontline::doc::Format::kJsonl, data, size);
  return 0;
}
