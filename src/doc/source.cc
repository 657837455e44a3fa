#include "doc/source.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

#include "doc/archive.h"
#include "doc/html_reader.h"

namespace frontline::doc {
namespace {

namespace fs = std::filesystem;

bool EndsWithAny(std::string_view name, std::initializer_list<std::string_view> suffixes) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (std::string_view s : suffixes)
    if (std::string_view(lower).ends_with(s)) return true;
  return false;
}

Result<std::string> ReadAll(std::istream& in, std::string data, size_t limit,
                            std::string_view name) {
  char buf[1 << 16];
  if (data.size() > limit)
    return Status::Error(fmt::format("input larger than the limit of {} bytes", limit));
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    data.append(buf, static_cast<size_t>(in.gcount()));
    if (data.size() > limit) {
      return Status::Error(fmt::format("input larger than the limit of {} bytes", limit));
    }
  }
  if (in.bad()) return Status::Error(fmt::format("read error on {}", name));
  return data;
}

// Lines of a stream, holding at most one line (up to a limit) in memory: a feed of any size
// reads in constant memory.
class LineReader {
 public:
  LineReader(std::istream& in, std::string head, size_t max_line)
      : in_(in), buffer_(std::move(head)), max_line_(max_line) {}

  // The next line without its newline; `length` is its full length, which exceeds the limit
  // when the line was too long (its text is then empty). False at the end of the stream.
  bool Next(std::string_view& line, size_t& length) {
    size_t skipped = 0;
    for (;;) {
      const size_t eol = buffer_.find('\n', pos_);
      if (eol != std::string::npos) {
        line = std::string_view(buffer_).substr(pos_, eol - pos_);
        length = skipped + line.size();
        if (skipped > 0) line = {};
        pos_ = eol + 1;
        return true;
      }
      if (buffer_.size() - pos_ > max_line_) {  // too long: drop what we hold, keep counting
        skipped += buffer_.size() - pos_;
        buffer_.clear();
        pos_ = 0;
      }
      if (eof_) {
        if (pos_ >= buffer_.size() && skipped == 0) return false;
        line = std::string_view(buffer_).substr(pos_);
        length = skipped + line.size();
        if (skipped > 0) line = {};
        pos_ = buffer_.size();
        if (length == 0) return false;
        return true;
      }
      buffer_.erase(0, pos_);
      pos_ = 0;
      char chunk[1 << 16];
      in_.read(chunk, sizeof chunk);
      const auto got = static_cast<size_t>(in_.gcount());
      buffer_.append(chunk, got);
      if (got < sizeof chunk) eof_ = true;
    }
  }

 private:
  std::istream& in_;
  std::string buffer_;
  size_t pos_ = 0;
  size_t max_line_;
  bool eof_ = false;
};

void ReadFeed(const std::string& origin, std::istream& in, std::string head,
              const SourceOptions& options, const DocumentSink& documents,
              const ProblemSink& problems, size_t& count) {
  LineReader reader(in, std::move(head), options.max_document_bytes);
  uint64_t line_no = 0;
  std::string_view line;
  size_t length = 0;
  while (reader.Next(line, length)) {
    ++line_no;
    if (length > options.max_document_bytes) {
      problems(fmt::format("{}:{}", origin, line_no),
               fmt::format("record of {} bytes exceeds the limit of {} bytes", length,
                           options.max_document_bytes));
      ++count;
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    RawDocument raw;
    raw.origin = origin;
    raw.line = line_no;
    if (Status s = ParseFeedLine(line, raw); !s.ok()) {
      problems(raw.Where(), s.message());
      ++count;
      continue;
    }
    documents(std::move(raw));
  }
  if (in.bad()) {
    problems(origin, "read error");
    ++count;
  }
}

// Reads one whole input from `in`: a feed or a web archive streams record by record, anything
// else is one document read whole (up to the limit). Compressed data (gzip, zstd, xz, bzip2,
// told by its first bytes) is decompressed as it is read, and what it holds is told by its name
// without the compression suffix and its own first bytes.
void ReadStream(const std::string& name, std::istream& in, const SourceOptions& options,
                const DocumentSink& documents, const ProblemSink& problems, size_t& count,
                bool decompressed = false) {
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<size_t>(in.gcount()));
  if (!decompressed && IsCompressed(head)) {
    DecompressingStream inner(in, std::move(head));
    ReadStream(name, inner, options, documents, problems, count, true);
    if (!inner.error().empty()) {
      // What came before the damage has been read; the rest of this input is lost.
      problems(name, "corrupt or truncated compressed data: " + inner.error());
      ++count;
    }
    return;
  }
  const std::string inner_name = decompressed ? WithoutCompressionSuffix(name) : name;
  Format format = options.format;
  if (format == Format::kAuto) format = SniffFormat(inner_name, head);
  if (format == Format::kJsonl) {
    ReadFeed(name, in, std::move(head), options, documents, problems, count);
    return;
  }
  if (format == Format::kWarc) {
    count += ReadWarc(name, in, std::move(head), options, documents, problems);
    return;
  }
  Result<std::string> data = ReadAll(in, std::move(head), options.max_document_bytes, name);
  if (!data.ok()) {
    problems(name, data.status().message());
    ++count;
    return;
  }
  RawDocument raw;
  raw.origin = name;
  raw.format = format;
  raw.bytes = std::move(data).value();
  documents(std::move(raw));
}

void ReadFile(const fs::path& path, const SourceOptions& options, const DocumentSink& documents,
              const ProblemSink& problems, size_t& count) {
  const std::string name = path.string();
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    problems(name, fmt::format("cannot open: {}", std::strerror(errno)));
    ++count;
    return;
  }
  ReadStream(name, in, options, documents, problems, count);
}

void ReadDirectory(const fs::path& dir, const SourceOptions& options, const DocumentSink& documents,
                   const ProblemSink& problems, size_t& count) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    problems(dir.string(), fmt::format("cannot read directory: {}", ec.message()));
    ++count;
    return;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      problems(dir.string(), fmt::format("cannot read directory: {}", ec.message()));
      ++count;
      break;
    }
    const std::string leaf = it->path().filename().string();
    if (!leaf.empty() && leaf.front() == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) ReadFile(f, options, documents, problems, count);
}

}  // namespace

Format SniffFormat(std::string_view name, std::string_view head) {
  if (EndsWithAny(name, {".warc", ".arc.warc"}) || head.starts_with("WARC/1.")) return Format::kWarc;
  if (EndsWithAny(name, {".jsonl", ".ndjson"})) return Format::kJsonl;
  if (EndsWithAny(name, {".html", ".htm", ".xhtml", ".shtml"})) return Format::kHtml;
  if (EndsWithAny(name, {".txt", ".text"})) return Format::kText;
  size_t i = 0;
  // Skip a UTF-8 byte order mark and leading space.
  if (head.starts_with("\xEF\xBB\xBF")) i = 3;
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  // A feed's first line is a whole JSON object: "{" first and "}" last. A pretty-printed
  // object or a text that opens with a brace ("{Editor's note} ...") is not a feed.
  if (i < head.size() && head[i] == '{') {
    size_t eol = head.find('\n', i);
    if (eol == std::string_view::npos) eol = head.size();
    size_t last = eol;
    while (last > i && std::isspace(static_cast<unsigned char>(head[last - 1]))) --last;
    if (last > i + 1 && head[last - 1] == '}') return Format::kJsonl;
  }
  return LooksLikeHtml(head) ? Format::kHtml : Format::kText;
}

Status ParseFeedLine(std::string_view line, RawDocument& raw) {
  thread_local simdjson::dom::parser parser;
  const simdjson::padded_string padded(line);
  simdjson::dom::element root;
  if (auto error = parser.parse(padded).get(root); error) {
    return Status::Error(fmt::format("malformed JSON: {}", simdjson::error_message(error)));
  }
  simdjson::dom::object obj;
  if (root.get_object().get(obj)) return Status::Error("malformed record: expected a JSON object");
  auto get_string = [&](const char* key, std::string& out) -> Status {
    simdjson::dom::element value;
    if (obj[key].get(value)) return Status::Ok();
    if (value.is_null()) return Status::Ok();
    std::string_view sv;
    if (value.get_string().get(sv)) {
      return Status::Error(fmt::format("malformed record: \"{}\" must be a string", key));
    }
    out.assign(sv);
    return Status::Ok();
  };
  {
    simdjson::dom::element id;
    if (!obj["id"].get(id) && !id.is_null()) {
      if (id.is_string()) {
        raw.id.assign(std::string_view(id.get_string()));
      } else if (id.is_int64() || id.is_uint64()) {
        raw.id = simdjson::to_string(id);
      } else {
        return Status::Error("malformed record: \"id\" must be a string or an integer");
      }
    }
  }
  for (auto [key, field] : {std::pair{"url", &raw.url}, std::pair{"title", &raw.title},
                            std::pair{"published", &raw.published}}) {
    if (Status s = get_string(key, *field); !s.ok()) return s;
  }
  std::string text, html;
  if (Status s = get_string("text", text); !s.ok()) return s;
  if (Status s = get_string("html", html); !s.ok()) return s;
  if (!html.empty()) {
    raw.format = Format::kHtml;
    raw.bytes = std::move(html);
  } else if (!text.empty()) {
    raw.format = Format::kText;
    raw.bytes = std::move(text);
  } else {
    return Status::Error("malformed record: neither \"text\" nor \"html\" holds any content");
  }
  return Status::Ok();
}

size_t ReadSourceStream(const std::string& name, std::istream& in, const SourceOptions& options,
                        const DocumentSink& documents, const ProblemSink& problems) {
  size_t count = 0;
  ReadStream(name, in, options, documents, problems, count);
  return count;
}

size_t ReadSources(const std::vector<std::string>& inputs, const SourceOptions& options,
                   const DocumentSink& documents, const ProblemSink& problems) {
  size_t count = 0;
  for (const std::string& input : inputs) {
    if (input == "-") {
      std::ios::sync_with_stdio(false);
      ReadStream("-", std::cin, options, documents, problems, count);
      continue;
    }
    std::error_code ec;
    const fs::file_status st = fs::status(input, ec);
    if (ec || !fs::exists(st)) {
      problems(input, "no such file or directory");
      ++count;
    } else if (fs::is_directory(st)) {
      ReadDirectory(input, options, documents, problems, count);
    } else {
      ReadFile(input, options, documents, problems, count);
    }
  }
  return count;
}

}  // namespace frontline::doc
