// MusicXML chord symbols (<harmony>): the <kind> values and <degree> edits as intervals above
// the root, both ways, so that the reader voices what a file says and the writer says what a
// take's chord symbols hold.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace jazz::corpus {

struct HarmonyDegree {
    enum Type { Add, Alter, Subtract };
    int value = 0; // 1 root, 3 third, 9 ninth...
    int alter = 0; // semitones
    Type type = Add;
};

// The intervals (semitones above the root, ascending, 0 included) of a MusicXML <kind> value
// ("dominant", "minor-seventh", ...), or nullopt for a value MusicXML does not define. "none"
// (no chord) gives an empty list.
std::optional<std::vector<int>> kindIntervals(const std::string& kind);

// Applies <degree> edits to a kind's intervals as MusicXML defines them: an added degree is
// counted from a dominant chord (major and perfect intervals, minor seventh); an altered or
// subtracted degree is the one the kind already holds (a half-diminished chord's 5 is its b5).
std::vector<int> applyDegrees(const std::string& kind, std::vector<int> intervals,
                              const std::vector<HarmonyDegree>& degrees);

// The other way: the kind that describes most of `intervals`, and the degrees that make up the
// difference (alter where the kind's degree moved, add and subtract otherwise).
struct HarmonySpelling {
    std::string kind;
    std::vector<HarmonyDegree> degrees;
};
HarmonySpelling spellHarmony(const std::vector<int>& intervals);

// A close voicing as theory::ChordSymbol::voicing builds it: the bass (or root) in octave
// `bassOctave` (C3 = 48), the chord's intervals stacked above it, duplicates removed.
std::vector<int> voiceHarmony(int rootPc, const std::vector<int>& intervals,
                              std::optional<int> bassPc, int bassOctave = 3);

} // namespace jazz::corpus
