// What the fuzz targets share: the dictionaries, loaded once, and checks of what each stage
// promises its callers. A broken promise aborts, so libFuzzer keeps the input that broke it.
#ifndef FRONTLINE_FUZZ_FUZZ_H_
#define FRONTLINE_FUZZ_FUZZ_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "doc/document.h"
#include "pipeline/pipeline.h"

namespace frontline::fuzz {

// The project's dictionaries (data/), and the gazetteer index named by
// $FRONTLINE_FUZZ_GAZETTEER when it is set (else no geocoding). Aborts when they do not load.
std::unique_ptr<pipeline::Resources> LoadResources();

// LoadResources() once, shared by every input.
const pipeline::Resources& SharedResources();

// Aborts with `what` when `ok` is false.
void Require(bool ok, const char* what);

// A clean document: valid UTF-8 text, paragraphs in order inside it, one a line.
void CheckDocument(const doc::Document& document);

// A record: its document as above; sentences, tokens, times, places and events pointing inside
// the text; dated times that start before they end; and its JSON line writable.
void CheckRecord(const pipeline::Record& record, const pipeline::Resources& resources);

// Runs a document of `format` (text or HTML) made of the input through the whole pipeline and
// checks the record.
void RunDocument(doc::Format format, const uint8_t* data, size_t size);

// Reads the input as a whole source of `format` (a feed or a web archive, possibly compressed)
// and cleans each document it yields; checks the documents and that every problem is reported
// once, saying where and what.
void RunSource(doc::Format format, const uint8_t* data, size_t size);

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace frontline::fuzz

#endif  // FRONTLINE_FUZZ_FUZZ_H_
