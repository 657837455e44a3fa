// Levenshtein distance for ranking near spellings of place names (gazetteer.cc).
//
// EditDistance is the textbook table, row by row, with an optional bound past which it stops.
// SpellingDistance measures many candidate spellings against one name: for names of up to 64
// bytes it uses the bit-parallel algorithm of Myers (1999) in Hyyrö's formulation for the
// distance between whole strings, one machine word per column of the table, and falls back to
// the table for longer names. Both count bytes; both return the same distances.
#ifndef FRONTLINE_GEO_EDIT_DISTANCE_H_
#define FRONTLINE_GEO_EDIT_DISTANCE_H_

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace frontline::geo {

// Levenshtein distance between `a` and `b`, in bytes; any distance over `bound` comes back as
// bound + 1, found as soon as a whole row of the table exceeds it.
inline size_t EditDistance(std::string_view a, std::string_view b, size_t bound = SIZE_MAX) {
  const size_t length_gap = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (bound != SIZE_MAX && length_gap > bound) return bound + 1;
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    size_t row_min = row[0];
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      row_min = std::min(row_min, row[j]);
      diagonal = up;
    }
    if (bound != SIZE_MAX && row_min > bound) return bound + 1;
  }
  return bound == SIZE_MAX ? row[b.size()] : std::min(row[b.size()], bound + 1);
}

// The distances from one name to many spellings.
class SpellingDistance {
 public:
  explicit SpellingDistance(std::string_view name) : name_(name) {
    if (name.empty() || name.size() > 64) return;
    for (size_t i = 0; i < name.size(); ++i)
      peq_[static_cast<unsigned char>(name[i])] |= uint64_t{1} << i;
    bits_ = true;
  }

  // Levenshtein distance from the name to `text`; over `bound`, bound + 1.
  size_t To(std::string_view text, size_t bound = SIZE_MAX) const {
    const size_t m = name_.size();
    const size_t gap = m > text.size() ? m - text.size() : text.size() - m;
    if (bound != SIZE_MAX && gap > bound) return bound + 1;
    if (!bits_) return EditDistance(name_, text, bound);
    const uint64_t last = uint64_t{1} << (m - 1);
    uint64_t pv = ~uint64_t{0}, mv = 0;
    size_t score = m;
    for (const char c : text) {
      const uint64_t eq = peq_[static_cast<unsigned char>(c)];
      const uint64_t xv = eq | mv;
      const uint64_t xh = (((eq & pv) + pv) ^ pv) | eq;
      uint64_t ph = mv | ~(xh | pv);
      uint64_t mh = pv & xh;
      if (ph & last) {
        ++score;
      } else if (mh & last) {
        --score;
      }
      // The top row of the table counts up by one per text byte: shift a +1 in.
      ph = (ph << 1) | 1;
      mh <<= 1;
      pv = mh | ~(xv | ph);
      mv = ph & xv;
    }
    return bound == SIZE_MAX ? score : std::min(score, bound + 1);
  }

 private:
  std::string name_;
  std::array<uint64_t, 256> peq_{};  // for each byte, the positions of the name that hold it
  bool bits_ = false;
};

}  // namespace frontline::geo

#endif  // FRONTLINE_GEO_EDIT_DISTANCE_H_
