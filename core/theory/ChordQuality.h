// What a chord symbol says after its root ("m7b5", "7(b9,#11)", "-^7", "13sus", "6/9"), read by
// a small grammar instead of a list: a quality, an extension, alterations in any order, add/omit,
// sus; it gives the chord's intervals and one normalised spelling of it.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace jazz::theory {

struct ChordQuality {
    enum class Triad { Major, Minor, Diminished, Power };
    // Sixth: a 6 (or 6/9) instead of a seventh. Diminished: the bb7 of a dim7 chord.
    enum class Seventh { None, Minor, Major, Diminished, Sixth };
    // Chromatic alterations, in the order they are printed.
    enum Alteration { Flat5, Sharp5, Flat6, Flat9, Sharp9, Sharp11, Flat13, AlterationCount };

    Triad triad = Triad::Major;
    int sus = 0; // 2, 4 or 24: the third replaced by a second, a fourth, or both
    Seventh seventh = Seventh::None;
    int extension = 0;        // the highest natural extension: 7, 9, 11 or 13 (0 without a seventh)
    bool sixNine = false;     // 6/9
    bool altered = false;     // "alt": 7 with b9 #9 #11 b13
    unsigned alterations = 0; // bit (1 << Alteration)
    std::vector<int> added;   // "add" degrees, ascending: 2 3 4 9 11 13
    bool noThird = false, noFifth = false;

    // Reads the text after the root (already without a slash bass, unicode accidentals and
    // symbols folded to ASCII: b # ^ o h -). Returns nullopt and the exact reason otherwise.
    static std::optional<ChordQuality> read(const std::string& suffix, std::string* why);

    bool has(Alteration a) const { return alterations & (1u << a); }
    std::vector<int> intervals() const; // semitones above the root, ascending, 0 first
    // The normalised spelling: "m7b5", "7b9#11", "maj7#11", "mMaj7", "13sus4", "6/9", "(b9)".
    // read(name()) gives the same chord again.
    std::string name() const;
};

} // namespace jazz::theory
