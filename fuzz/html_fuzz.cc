// Fuzz target: an HTML page, as served, through the whole pipeline (reader, boilerplate, text
// layer, times, places, events) and the JSON writer.
#include "fuzz/fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  frontline::fuzz::RunDocument(frontline::doc::Format::kHtml, data, size);
  return 0;
}
