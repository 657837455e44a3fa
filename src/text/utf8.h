// UTF-8 primitives shared by every stage that walks text byte by byte.
#ifndef FRONTLINE_TEXT_UTF8_H_
#define FRONTLINE_TEXT_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace frontline::text {

// Byte offset of the first byte that is not part of a well-formed UTF-8 sequence (overlong forms,
// surrogates and values past U+10FFFF are ill-formed), or std::string_view::npos when `bytes`
// is valid UTF-8. Vectorised for the common all-valid case.
size_t FindInvalidUtf8(std::string_view bytes);

// The multi-byte part of DecodeUtf8.
char32_t DecodeUtf8Slow(std::string_view text, size_t& pos);

// Decodes the code point starting at `pos` in valid UTF-8 `text` and advances `pos` past it.
// On an ill-formed sequence returns U+FFFD and advances one byte.
inline char32_t DecodeUtf8(std::string_view text, size_t& pos) {
  const unsigned char c = text[pos];
  if (c < 0x80) {
    ++pos;
    return c;
  }
  return DecodeUtf8Slow(text, pos);
}

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(char32_t cp, std::string& out);

// True when every byte of `text` is below 0x80.
inline bool IsAscii(std::string_view text) {
  for (unsigned char c : text)
    if (c >= 0x80) return false;
  return true;
}

}  // namespace frontline::text

#endif  // FRONTLINE_TEXT_UTF8_H_
