// Fuzz target: the dictionary loader. Users extend the dictionaries in data/ without
// recompiling, so a file of theirs must load or fail with a message, and whatever loads must not
// break the pipeline. The first byte picks the dictionary (actors, event lexicon, time lexicon,
// page furniture, place words, abbreviations and sentence starters split at the first NUL), the
// rest is the file; what loads replaces its dictionary while the project's sample article goes
// through the pipeline.
#include <string>
#include <utility>

#include "fuzz/fuzz.h"

namespace {

using namespace frontline;

// A document the pipeline can do something with, whatever the dictionary.
constexpr std::string_view kSample =
    "Government forces captured the town of Saraqib on Monday after two weeks of fighting, "
    "a monitoring group said.\n\n"
    "At least 12 civilians were killed in air strikes on Idlib province on 3 March 2020, and "
    "hundreds of families fled north toward the border with Turkey.\n\n"
    "Rebels of Hayat Tahrir al-Sham shelled positions near Aleppo overnight.";

// The project's resources with the gazetteer (place words act through it). Not const: a
// dictionary is swapped in for one input and back out after it.
pipeline::Resources& Resources() {
  static const std::unique_ptr<pipeline::Resources> resources = fuzz::LoadResources();
  return *resources;
}

template <typename T>
void Run(Result<T> parsed, T pipeline::Resources::*member) {
  if (!parsed.ok()) {
    fuzz::Require(!parsed.status().message().empty(), "a failed load says why");
    return;
  }
  pipeline::Resources& resources = Resources();
  std::swap(resources.*member, parsed.value());
  {
    const pipeline::Pipeline pipeline(resources);
    doc::RawDocument raw;
    raw.origin = "dictionary-fuzz";
    raw.format = doc::Format::kText;
    raw.bytes = kSample;
    Result<pipeline::Record> record = pipeline.Process(raw);
    if (record.ok()) fuzz::CheckRecord(record.value(), resources);
  }
  std::swap(resources.*member, parsed.value());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string_view file = fuzz::AsText(data + 1, size - 1);
  switch (data[0] % 6) {
    case 0:
      Run(event::ActorDictionary::Parse(file, "actors.txt"), &pipeline::Resources::actors);
      break;
    case 1:
      Run(event::EventLexicon::Parse(file, "event/lexicon.txt"),
          &pipeline::Resources::event_lexicon);
      break;
    case 2:
      Run(time::Lexicon::Parse(file, "time/lexicon.txt"), &pipeline::Resources::time_lexicon);
      break;
    case 3:
      Run(doc::FurnitureDictionary::Parse(file, "furniture.txt"), &pipeline::Resources::furniture);
      break;
    case 4:
      Run(geo::GeoWords::Parse(file, "context.txt"), &pipeline::Resources::geo_words);
      break;
    default: {
      const size_t nul = file.find('\0');
      const std::string_view abbreviations = file.substr(0, nul);
      const std::string_view starters =
          nul == std::string_view::npos ? std::string_view() : file.substr(nul + 1);
      Run(text::WordLists::Parse(abbreviations, "abbreviations.txt", starters,
                                 "sentence_starters.txt"),
          &pipeline::Resources::words);
      break;
    }
  }
  return 0;
}
