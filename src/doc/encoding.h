// Bytes in any encoding to UTF-8, with clear errors for what is not text.
#ifndef FRONTLINE_DOC_ENCODING_H_
#define FRONTLINE_DOC_ENCODING_H_

#include <string>
#include <string_view>

#include "status/status.h"

namespace frontline::doc {

struct Decoded {
  std::string text;      // valid UTF-8, byte order mark removed
  std::string encoding;  // what the bytes were in: "UTF-8", "UTF-16LE", "windows-1252", ...
};

// Converts `bytes` to UTF-8.
//
// - A byte order mark decides (UTF-8, UTF-16LE/BE, UTF-32LE/BE).
// - Valid UTF-8 stays as it is, whatever was declared.
// - Otherwise a `declared` encoding other than UTF-8 that ICU knows is used.
// - Bytes that hold well-formed multi-byte UTF-8 sequences and broken ones, or that were
//   declared UTF-8, are broken UTF-8: an error naming the byte and line of the first bad
//   sequence. A legacy encoding never produces well-formed UTF-8 sequences by chance in real
//   text, so converting such bytes would only hide damage.
// - Otherwise ICU's detector picks a legacy encoding; too weak a guess is an error.
// Fails on empty input and on binary data (NUL bytes without a UTF-16/32 mark, or many control
// bytes), with the offset of the first telling byte.
Result<Decoded> DecodeToUtf8(std::string_view bytes, std::string_view declared);

// "line L, byte B" for a byte offset into `bytes` (line 1-based, byte 0-based), for messages.
std::string DescribeOffset(std::string_view bytes, size_t offset);

}  // namespace frontline::doc

#endif  // FRONTLINE_DOC_ENCODING_H_
