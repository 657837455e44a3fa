// Sources: files, directories, feeds and standard input, as a stream of raw documents.
#ifndef FRONTLINE_DOC_SOURCE_H_
#define FRONTLINE_DOC_SOURCE_H_

#include <cstddef>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "doc/document.h"
#include "status/status.h"

namespace frontline::doc {

struct SourceOptions {
  Format format = Format::kAuto;                 // applies to every input; kAuto sniffs each one
  size_t max_document_bytes = size_t{64} << 20;  // larger files or feed lines are refused
};

// Receives each raw document, in input order.
using DocumentSink = std::function<void(RawDocument&&)>;
// Receives each problem: where ("file" or "file:line") and what.
using ProblemSink = std::function<void(const std::string& where, const std::string& what)>;

// Reads every input in order: "-" is standard input, a directory is walked recursively (hidden
// entries skipped, entries in byte order of their names, so runs are repeatable), anything else
// is a file. Compressed inputs (gzip, zstd, xz, bzip2) are decompressed as they are read. A
// file's format is `options.format`, else its extension without a compression suffix (.warc,
// .jsonl .ndjson, .html .htm .xhtml, .txt), else its first bytes. A feed (JSONL) yields one
// document a record (see ParseFeedLine), a web archive one a response record (ReadWarc); a
// problem with one record or one file goes to `problems` and reading goes on. Returns the
// number of problems reported.
size_t ReadSources(const std::vector<std::string>& inputs, const SourceOptions& options,
                   const DocumentSink& documents, const ProblemSink& problems);

// Reads one input from `in` as ReadSources reads a file named `name` (compression, format and
// records alike). Returns the number of problems reported.
size_t ReadSourceStream(const std::string& name, std::istream& in, const SourceOptions& options,
                        const DocumentSink& documents, const ProblemSink& problems);

// Parses one feed line, a JSON object {"id", "url", "title", "published", "text" | "html"}
// (all strings; "id" may be a number), into `raw` (origin and line are left to the caller).
// Fails on malformed JSON, a value that is not an object, a field of the wrong type, or a
// record with neither text nor html.
Status ParseFeedLine(std::string_view line, RawDocument& raw);

// The format of a whole input named `name` with first bytes `head`: by extension (.jsonl
// .ndjson, .html .htm .xhtml .shtml, .txt .text), then by content (a first line that is a whole
// JSON object: a feed; HTML tags: a page; else text).
Format SniffFormat(std::string_view name, std::string_view head);

}  // namespace frontline::doc

#endif  // FRONTLINE_DOC_SOURCE_H_
