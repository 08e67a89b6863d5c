// A studio session: the corpus files and their track choices, the progression, the model file
// and every generated take. Saved as one JSON file, atomically.
#pragma once

#include "generate/Arrangement.h"

#include <optional>
#include <string>
#include <vector>

namespace jazz::session {

struct CorpusEntry {
    std::string path;
    std::string melodyTrack; // empty: automatic
    std::string chordTrack;
    std::optional<double> windowStart, windowEnd;
    std::string chords; // the changes given for a melody-only file; empty: its chord track
    bool operator==(const CorpusEntry&) const = default;
};

struct Take {
    std::string name;
    generate::Arrangement arrangement;
    double temperature = 0.5;
    uint32_t seed = 0;
};

struct Session {
    std::vector<CorpusEntry> corpus;
    std::string progressionText = "| Dm7 G7 | Cmaj7 | % |";
    int transpose = 0;
    int choruses = 1;
    std::string modelPath;
    std::vector<Take> takes;
    int currentTake = -1;
};

constexpr int kSessionFormatVersion = 1;

std::string serializeSession(const Session& s);
// Throws jazz::Error naming `source` and what is wrong.
Session parseSession(const std::string& json, const std::string& source);
void saveSession(const Session& s, const std::string& path); // atomic
Session loadSession(const std::string& path);

} // namespace jazz::session
