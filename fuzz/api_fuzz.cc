// Fuzz target: the HTTP API's read side, as a client would reach it. The input is a request
// target, "PATH?QUERY" (a first line only); the query is split into parameters by the HTTP
// library the server uses, and the request answered from a small store of the project's own
// documents. Every answer must be a known status with a JSON body (or the OpenAPI document).
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "fuzz/fuzz.h"
#include "server/api.h"
#include "server/place_search.h"
#include "text/utf8.h"

namespace {

using namespace frontline;

constexpr std::string_view kDocuments =
    R"({"id":"a1","published":"2020-03-04","text":"Government forces captured the town of Saraqib on Monday after heavy fighting with rebels, a monitoring group said.\n\nAt least 12 civilians were killed in air strikes on Ariha on Tuesday."})"
    "\n"
    R"({"id":"a2","published":"2021-07-19","text":"Gunmen abducted 40 students from a school in Kaduna state on Sunday, police said.\n\nProtesters gathered in Baghdad on Friday to demand jobs."})"
    "\n"
    R"({"id":"a3","published":"2019-05-10","text":"Hundreds of families fled their homes in Hama province after shelling by government forces on Thursday killed five people."})"
    "\n";

server::Api& SharedApi() {
  static server::Api* api = [] {
    const pipeline::Resources& resources = fuzz::SharedResources();
    char dir[] = "/tmp/frontline-api-fuzz-XXXXXX";
    fuzz::Require(mkdtemp(dir) != nullptr, "a temporary directory");
    static std::unique_ptr<server::PlaceSearch> places;
    if (resources.gazetteer) places = std::make_unique<server::PlaceSearch>(*resources.gazetteer);
    server::ApiOptions options;
    options.database = std::string(dir) + "/events.db";
    options.gazetteer = resources.gazetteer.get();
    options.places = [] { return places.get(); };
    options.ingest = &resources;
    options.cache_bytes = size_t{4} << 20;
    auto* made = new server::Api(options);
    const server::Response stored =
        made->Handle("POST", "/api/ingest", {}, kDocuments, "application/x-ndjson");
    if (stored.status != 200) {
      std::fprintf(stderr, "api fuzz: ingest failed: %s\n", stored.body.c_str());
      std::abort();
    }
    return made;
  }();
  return *api;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  server::Api& api = SharedApi();
  std::string_view input = fuzz::AsText(data, size);
  input = input.substr(0, input.find('\n'));
  const size_t question = input.find('?');
  const std::string path(input.substr(0, question));
  server::Params params;
  if (question != std::string_view::npos) {
    httplib::detail::parse_query_text(std::string(input.substr(question + 1)), params);
  }
  const server::Response response = api.Handle("GET", path, params, "");
  static constexpr int kKnown[] = {200, 400, 404, 405, 413, 414, 415, 503};
  bool known = false;
  for (int status : kKnown) known = known || response.status == status;
  fuzz::Require(known, "a known status");
  fuzz::Require(text::FindInvalidUtf8(response.body) == std::string_view::npos,
                "the body is UTF-8");
  if (response.content_type.starts_with("application/")) {
    fuzz::Require(nlohmann::json::accept(response.body), "the body is JSON");
  }
  if (response.status != 200) {
    const nlohmann::json error = nlohmann::json::parse(response.body);
    fuzz::Require(
        error["error"]["status"] == response.status && error["error"]["message"].is_string(),
        "an error names its status and says why");
  }
  return 0;
}
