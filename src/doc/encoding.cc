#include "doc/encoding.h"

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "text/utf8.h"

namespace frontline::doc {
namespace {

bool IEquals(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

bool IsUtf8Name(std::string_view name) { return IEquals(name, "utf-8") || IEquals(name, "utf8"); }

// Converts with ICU from `encoding`; fails when ICU does not know it.
Result<std::string> Convert(std::string_view bytes, const char* encoding) {
  UErrorCode status = U_ZERO_ERROR;
  const int32_t capacity = static_cast<int32_t>(std::min<size_t>(bytes.size() * 4 + 16, INT32_MAX));
  std::string out(static_cast<size_t>(capacity), '\0');
  const int32_t n = ucnv_convert("UTF-8", encoding, out.data(), capacity, bytes.data(),
                                 static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) {
    return Status::Error(fmt::format("cannot convert from {}: {}", encoding, u_errorName(status)));
  }
  out.resize(static_cast<size_t>(n));
  return out;
}

// True when `bytes` holds at least one well-formed UTF-8 multi-byte sequence.
bool HasUtf8Sequence(std::string_view bytes) {
  for (size_t i = 0; i + 1 < bytes.size(); ++i) {
    const unsigned char c = bytes[i];
    if (c < 0xC2 || c > 0xF4) continue;
    const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (i + len > bytes.size()) continue;
    if (text::FindInvalidUtf8(bytes.substr(i, len)) == std::string_view::npos) return true;
  }
  return false;
}

struct DetectorCloser {
  void operator()(UCharsetDetector* d) const { ucsdet_close(d); }
};

}  // namespace

std::string DescribeOffset(std::string_view bytes, size_t offset) {
  offset = std::min(offset, bytes.size());
  const size_t line =
      1 + static_cast<size_t>(std::count(bytes.begin(), bytes.begin() + offset, '\n'));
  return fmt::format("line {}, byte {}", line, offset);
}

Result<Decoded> DecodeToUtf8(std::string_view bytes, std::string_view declared) {
  if (bytes.empty()) return Status::Error("empty document");
  auto starts = [&](std::string_view bom) { return bytes.substr(0, bom.size()) == bom; };
  // Byte order marks, longest first (the UTF-32LE mark begins like the UTF-16LE one).
  static constexpr std::pair<std::string_view, const char*> kMarks[] = {
      {std::string_view("\xFF\xFE\x00\x00", 4), "UTF-32LE"},
      {std::string_view("\x00\x00\xFE\xFF", 4), "UTF-32BE"},
      {"\xEF\xBB\xBF", "UTF-8"},
      {"\xFF\xFE", "UTF-16LE"},
      {"\xFE\xFF", "UTF-16BE"},
  };
  for (const auto& [mark, name] : kMarks) {
    if (!starts(mark)) continue;
    std::string_view rest = bytes.substr(mark.size());
    if (std::string_view(name) == "UTF-8") {
      if (size_t bad = text::FindInvalidUtf8(rest); bad != std::string_view::npos) {
        return Status::Error(
            fmt::format("invalid UTF-8 at {}", DescribeOffset(bytes, bad + mark.size())));
      }
      return Decoded{std::string(rest), "UTF-8"};
    }
    Result<std::string> converted = Convert(rest, name);
    if (!converted.ok()) return converted.status();
    return Decoded{std::move(converted).value(), name};
  }

  // Binary data: a NUL byte, or more than 1 in 20 bytes of the head being control bytes.
  if (size_t nul = bytes.find('\0'); nul != std::string_view::npos) {
    return Status::Error(fmt::format("binary data, not a text document (NUL byte at {})",
                                     DescribeOffset(bytes, nul)));
  }
  const std::string_view head = bytes.substr(0, 4096);
  size_t controls = 0;
  size_t first_control = 0;
  for (size_t i = 0; i < head.size(); ++i) {
    const unsigned char c = head[i];
    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' && c != '\v' && c != 0x1B) {
      if (controls++ == 0) first_control = i;
    }
  }
  if (controls * 20 > head.size()) {
    return Status::Error(
        fmt::format("binary data, not a text document (control byte 0x{:02X} at {})",
                    static_cast<unsigned>(static_cast<unsigned char>(bytes[first_control])),
                    DescribeOffset(bytes, first_control)));
  }

  const size_t bad = text::FindInvalidUtf8(bytes);
  if (bad == std::string_view::npos) return Decoded{std::string(bytes), "UTF-8"};

  if (!declared.empty() && !IsUtf8Name(declared)) {
    // As browsers do (WHATWG Encoding), a page declared Latin-1 or ASCII is read as
    // windows-1252, whose 0x80-0x9F hold the curly quotes and dashes such pages use.
    std::string name(declared);
    if (IEquals(name, "iso-8859-1") || IEquals(name, "latin1") || IEquals(name, "iso_8859-1") ||
        IEquals(name, "us-ascii") || IEquals(name, "ascii") || IEquals(name, "l1")) {
      name = "windows-1252";
    }
    Result<std::string> converted = Convert(bytes, name.c_str());
    if (converted.ok()) return Decoded{std::move(converted).value(), name};
  }
  if (IsUtf8Name(declared) || HasUtf8Sequence(bytes)) {
    return Status::Error(fmt::format("invalid UTF-8 at {}", DescribeOffset(bytes, bad)));
  }

  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UCharsetDetector, DetectorCloser> detector(ucsdet_open(&status));
  if (U_FAILURE(status)) return Status::Error("cannot open ICU's charset detector");
  const std::string_view sample = bytes.substr(0, 1 << 16);
  ucsdet_setText(detector.get(), sample.data(), static_cast<int32_t>(sample.size()), &status);
  const UCharsetMatch* match = ucsdet_detect(detector.get(), &status);
  if (U_FAILURE(status) || match == nullptr) {
    return Status::Error(fmt::format("unknown encoding: not UTF-8 (first bad byte at {})",
                                     DescribeOffset(bytes, bad)));
  }
  const char* name = ucsdet_getName(match, &status);
  const int32_t confidence = ucsdet_getConfidence(match, &status);
  if (U_FAILURE(status) || confidence < 10 || IsUtf8Name(name)) {
    return Status::Error(fmt::format("unknown encoding: not UTF-8 (first bad byte at {})",
                                     DescribeOffset(bytes, bad)));
  }
  // ICU names plain Latin-1 "ISO-8859-1" even when 0x80-0x9F carry Windows punctuation; the
  // Windows superset decodes both right.
  std::string chosen = name;
  if (chosen == "ISO-8859-1") chosen = "windows-1252";
  Result<std::string> converted = Convert(bytes, chosen.c_str());
  if (!converted.ok()) return converted.status();
  return Decoded{std::move(converted).value(), chosen};
}

}  // namespace frontline::doc
