#include "doc/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>

#include "text/utf8.h"

namespace frontline::doc {
namespace {

// What to do with one code point: keep it, drop it, or replace it by a space or a newline.
enum class Action { kKeep, kDrop, kSpace, kNewline };

Action Classify(char32_t cp) {
  if (cp < 0x80) {
    if (cp == '\n') return Action::kKeep;
    if (cp == '\t' || cp == '\v' || cp == '\f') return Action::kSpace;
    if (cp < 0x20 || cp == 0x7F) return Action::kDrop;
    return Action::kKeep;
  }
  if (cp < 0xA0) return cp == 0x85 ? Action::kNewline : Action::kDrop;
  switch (cp) {
    case 0xA0:
    case 0x1680:
    case 0x202F:
    case 0x205F:
    case 0x3000:
      return Action::kSpace;
    case 0xAD:
    case 0x200B:
    case 0x2060:
    case 0xFEFF:
    case 0x180E:
      return Action::kDrop;
    case 0x2028:
    case 0x2029:
      return Action::kNewline;
    default:
      break;
  }
  if (cp >= 0x2000 && cp <= 0x200A) return Action::kSpace;
  return Action::kKeep;
}

}  // namespace

std::string NormalizeText(std::string_view utf8) {
  std::string mapped;
  mapped.reserve(utf8.size());
  bool ascii = true;
  size_t i = 0;
  while (i < utf8.size()) {
    const unsigned char c = utf8[i];
    if (c >= 0x20 && c < 0x7F) {
      // Copy the run of printable ASCII in one go.
      size_t j = i + 1;
      while (j < utf8.size() && static_cast<unsigned char>(utf8[j]) >= 0x20 &&
             static_cast<unsigned char>(utf8[j]) < 0x7F) {
        ++j;
      }
      mapped.append(utf8.data() + i, j - i);
      i = j;
      continue;
    }
    if (c == '\r') {
      mapped.push_back('\n');
      ++i;
      if (i < utf8.size() && utf8[i] == '\n') ++i;
      continue;
    }
    const size_t start = i;
    const char32_t cp = text::DecodeUtf8(utf8, i);
    switch (Classify(cp)) {
      case Action::kKeep:
        if (cp >= 0x80) ascii = false;
        mapped.append(utf8.data() + start, i - start);
        break;
      case Action::kDrop:
        break;
      case Action::kSpace:
        mapped.push_back(' ');
        break;
      case Action::kNewline:
        mapped.push_back('\n');
        break;
    }
  }
  if (ascii) return mapped;

  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return mapped;
  if (nfc->isNormalizedUTF8(mapped, status) && U_SUCCESS(status)) return mapped;
  status = U_ZERO_ERROR;
  std::string out;
  out.reserve(mapped.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, mapped, sink, nullptr, status);
  return U_SUCCESS(status) ? out : mapped;
}

void CollapseSpaces(std::string& text) {
  // Most blocks need nothing: no double space, no space at either end or around a newline.
  if (text.empty()) return;
  if (text.front() != ' ' && text.back() != ' ' && text.find("  ") == std::string::npos &&
      text.find(" \n") == std::string::npos && text.find("\n ") == std::string::npos) {
    return;
  }
  size_t w = 0;
  bool pending_space = false;
  for (size_t r = 0; r < text.size(); ++r) {
    const char c = text[r];
    if (c == ' ') {
      pending_space = w > 0 && text[w - 1] != '\n';
      continue;
    }
    if (c == '\n') {
      pending_space = false;
      text[w++] = '\n';
      continue;
    }
    if (pending_space) text[w++] = ' ';
    pending_space = false;
    text[w++] = c;
  }
  text.resize(w);
}

}  // namespace frontline::doc
