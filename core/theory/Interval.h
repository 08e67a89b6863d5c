// Spelled, directed intervals between pitches, named as music21 names them ("M-2", "d4", "P11").
#pragma once

#include "theory/Pitch.h"

#include <optional>
#include <string>
#include <vector>

namespace jazz::theory {

class Interval {
public:
    Interval() = default;
    // generic: directed staff-step count, 1 = unison, 2 = second up, -2 = second down; never 0
    // or -1 (a unison has no direction in its generic part). semitones: directed size.
    Interval(int generic, int semitones) : generic_(generic), semitones_(semitones) {}

    static Interval between(const Pitch& from, const Pitch& to);
    // Parses a directed name: "m3", "M-2", "P-4", "d5", "AA4", "dd-5", "P11".
    static std::optional<Interval> parse(const std::string& name);
    // The spelling music21 gives a bare semitone count (Interval(1) is m2, 6 is d5, -1 is m-2).
    static Interval fromSemitones(int semitones);

    int generic() const { return generic_; }
    int semitones() const { return semitones_; }
    double cents() const { return semitones_ * 100.0; }

    // "P", "M", "m", "A", "d", "AA", "dd", ...
    std::string quality() const;
    std::string directedName() const;
    std::string name() const; // without direction

    Pitch transpose(const Pitch& p) const;
    Interval reversed() const;

    bool operator==(const Interval& o) const = default;

private:
    int generic_ = 1;
    int semitones_ = 0;
};

// Spelled interval arithmetic as music21's interval.add/subtract: the intervals are applied
// in turn to C4 (subtract applies all but the first downwards) and the result is the interval
// from C4 to where that lands. So m3 + m3 = d5, and M-2 - m3 = P-4.
Interval add(const std::vector<Interval>& intervals);
Interval subtract(const std::vector<Interval>& intervals);

} // namespace jazz::theory
