// A studio session: the corpus files and their track choices, the progression, the model file
// and every generated take. Saved as one JSON file, atomically.
#pragma once

#include "corpus/Import.h"
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
    // How the entry's file is read: its track choices, window and changes.
    corpus::ImportOptions importOptions() const {
        corpus::ImportOptions o;
        o.melodyTrack = melodyTrack;
        o.chordTrack = chordTrack;
        o.windowStart = windowStart;
        o.windowEnd = windowEnd;
        o.chords = chords;
        return o;
    }
};

struct Take {
    std::string name;
    generate::Arrangement arrangement; // its band parts and style included
    double temperature = 0.5;
    uint32_t seed = 0;
};

// The studio's Band section: what the next takes get and how every take is performed.
struct BandSettings {
    bool enabled = true;  // false: the solo over block chords
    std::string style;    // an MMA groove; empty: the default for the meter
    double swing = 0;     // the solo's eighth-pair ratio; 0 follows the tempo
    bool countIn = false; // one bar of hi-hat before playback
    bool operator==(const BandSettings&) const = default;
};

struct Session {
    std::vector<CorpusEntry> corpus;
    std::string progressionText = "| Dm7 G7 | Cmaj7 | % |";
    int transpose = 0;
    int choruses = 1;
    std::string modelPath;
    std::vector<Take> takes;
    int currentTake = -1;
    BandSettings band;
    perform::Mixer mixer;
};

// Version 2 added the band (parts per take, band settings, mixer); version 3 each take's bar
// records (values, seed, origin, lock: generate/TakeBar.h). Versions 1 and 2 still open: their
// takes without a band (1), their bars' values encoded from the notes, origin unknown (1, 2).
constexpr int kSessionFormatVersion = 3;

std::string serializeSession(const Session& s);
// Throws jazz::Error naming `source` and what is wrong.
Session parseSession(const std::string& json, const std::string& source);
void saveSession(const Session& s, const std::string& path); // atomic
Session loadSession(const std::string& path);

} // namespace jazz::session
