// One abstract-grammar value: "C,0.250,<M-2,m-6>" (type, duration in quarter notes, and for
// notes after the first in a measure the interval range to the next pitch).
#pragma once

#include "theory/Interval.h"

#include <optional>
#include <string>

namespace jazz::grammar {

// R rest; C chord tone (of the last chord); S scale tone (of the chord's derived scale);
// A approach tone (a semitone from a chord tone); X anything else.
enum class ToneType : char { Rest = 'R', Chord = 'C', Scale = 'S', Approach = 'A', Other = 'X' };

struct Value {
    ToneType type = ToneType::Rest;
    double duration = 0; // quarter notes
    // The interval from the previous note plus and minus a minor third, as written.
    std::optional<theory::Interval> upper;
    std::optional<theory::Interval> lower;

    bool hasRange() const { return upper.has_value(); }
    // "%s,%.3f" plus ",<%s,%s>" as the notebook prints values.
    std::string toString() const;
    // Accepts what toString writes and the sampler's shorter forms ("C,0.25", "R,1.0").
    // Returns nullopt and sets *error (naming the text and the fault) on bad input.
    static std::optional<Value> parse(const std::string& text, std::string* error = nullptr);
};

} // namespace jazz::grammar
