// Fuzz target: a plain-text document (possibly a scraped page with its furniture) through the
// text reader, the text layer (sentences, tokens, folds) and the stages after it.
#include "fuzz/fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  frontline::fuzz::RunDocument(frontline::doc::Format::kText, data, size);
  return 0;
}
