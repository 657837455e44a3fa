// Reader: one raw document to one clean document, whatever its format and encoding.
#ifndef FRONTLINE_DOC_READER_H_
#define FRONTLINE_DOC_READER_H_

#include "doc/document.h"
#include "doc/furniture.h"
#include "status/status.h"

namespace frontline::doc {

class Reader {
 public:
  // `furniture` must outlive the reader. Read is const and thread-safe.
  explicit Reader(const FurnitureDictionary& furniture) : furniture_(&furniture) {}

  // Decodes `raw` to UTF-8 (encoding.h), normalises it (normalize.h) and reads it as text or
  // HTML (sniffed when raw.format is kAuto), carrying the feed's metadata through: the id is
  // raw.id, else raw.url, else raw.Where(). Fails with a message (no location prefix; callers
  // add raw.Where()) on empty, binary or undecodable input.
  Result<Document> Read(const RawDocument& raw) const;

 private:
  const FurnitureDictionary* furniture_;
};

}  // namespace frontline::doc

#endif  // FRONTLINE_DOC_READER_H_
