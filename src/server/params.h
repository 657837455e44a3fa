// Query parameters, as the HTTP API receives them and as `frontline events` builds them from its
// options, parsed into the store's filters. One parser, so the API and the command line accept
// the same values and refuse the same mistakes with the same words (docs/api.md).
#ifndef FRONTLINE_SERVER_PARAMS_H_
#define FRONTLINE_SERVER_PARAMS_H_

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "status/status.h"
#include "store/store.h"

namespace frontline::geo {
class Gazetteer;
}

namespace frontline::server {

// Name -> value, a name possibly repeated (cpp-httplib's Params has this type).
using Params = std::multimap<std::string, std::string>;

// Fails naming the first parameter that is not in `known`, or whose value holds a control
// character.
Status CheckKnown(const Params& params, const std::vector<std::string_view>& known);

// The values of `name`, repeated or comma-separated, trimmed, empty ones and repeats dropped.
std::vector<std::string> ListOf(const Params& params, std::string_view name);

// The single value of `name` ("" when absent); fails when it is given more than once.
Result<std::string> OneOf(const Params& params, std::string_view name);

// A whole number in [min, max]; `fallback` when the parameter is absent.
Result<int64_t> IntOf(const Params& params, std::string_view name, int64_t min, int64_t max,
                      int64_t fallback);

// MIN_LON,MIN_LAT,MAX_LON,MAX_LAT within the world, min <= max; nullopt when malformed.
std::optional<std::array<double, 4>> ParseBox(std::string_view text);

// An ISO 3166 alpha-2 code, upper-cased ("sy" -> "SY"); fails on anything else.
Result<std::string> CountryCode(std::string_view text);

// An ISO date YYYY-MM-DD that exists.
bool IsIsoDate(std::string_view text);

// The event filter of `params`: country, admin1, near, place (resolved by `gazetteer`; an error
// without one), radius, bbox, from, to, type, actor, min_sources, modality, q, limit (1 ..
// `max_limit`, default 100) and cursor ("DATE/ID" as a previous page's `next`). Parameters
// outside these are not looked at (the caller checks for unknown ones). `place_note`, when given,
// receives how a place name was resolved.
Result<store::EventFilter> ParseEventFilter(const Params& params, const geo::Gazetteer* gazetteer,
                                            int64_t max_limit, std::string* place_note = nullptr);

// Values a list parameter (country, type, modality) may hold.
inline constexpr size_t kMaxListItems = 64;

// The names ParseEventFilter reads.
inline constexpr std::array<std::string_view, 15> kEventFilterParams = {
    "country", "admin1", "near",     "place", "radius", "bbox",  "from",  "to",
    "type",    "actor",  "min_sources", "modality", "q",   "limit", "cursor"};

// The cursor of the page that ends with `event`: "DATE/ID".
std::string CursorAfter(const store::StoredEvent& event);

}  // namespace frontline::server

#endif  // FRONTLINE_SERVER_PARAMS_H_
