// The grooves MMA can play, read from its groove library (each DefGroove line, its description
// and the file's time signature), so they can be listed and checked without running MMA.
#pragma once

#include <string>
#include <vector>

namespace jazz::accompany {

struct Style {
    std::string name;        // as MMA spells it, e.g. "Swing1Walk"
    std::string description; // MMA's own words, whitespace collapsed
    std::string file;        // the library file that defines it
    int beatsPerBar = 4;     // the groove's "Time"
};

// A medium swing with a walking bass and a ride cymbal: the band every take gets unless told
// otherwise. Waltz-time progressions get kDefaultWaltzStyle.
inline constexpr const char* kDefaultStyle = "Swing1Walk";
inline constexpr const char* kDefaultWaltzStyle = "JazzWaltz";
std::string defaultStyleFor(double beatsPerBar);

// MMA's standard groove library: $JAZZ_MMA_LIBRARY if set, else the first of
// /usr/share/mma/lib/stdlib and /usr/local/share/mma/lib/stdlib that exists; empty if none.
std::string defaultStyleDirectory();

// Every groove defined by the .mma files in `directory`, sorted by name. Throws jazz::Error
// when the folder cannot be read or holds no grooves.
std::vector<Style> readStyles(const std::string& directory);

// MMA's groove names are case-insensitive: "swing1walk" finds "Swing1Walk".
const Style* findStyle(const std::vector<Style>& styles, const std::string& name);
// Up to `count` names nearest to `name` (edit distance, case ignored; names that begin with
// or contain it first), for "unknown style 'Swng', did you mean ...".
std::vector<std::string> closestStyles(const std::vector<Style>& styles, const std::string& name,
                                       size_t count = 5);

} // namespace jazz::accompany
