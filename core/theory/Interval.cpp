#include "theory/Interval.h"

#include <cctype>
#include <cstdlib>

namespace jazz::theory {

namespace {

// Semitones of the perfect or major form of each simple generic interval (index 1..7).
constexpr int kBase[8] = {0, 0, 2, 4, 5, 7, 9, 11};
bool isPerfectType(int simple) { return simple == 1 || simple == 4 || simple == 5; }

int floorDiv(int a, int b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

} // namespace

Interval Interval::between(const Pitch& from, const Pitch& to) {
    const int steps = to.diatonic() - from.diatonic();
    const int generic = steps >= 0 ? steps + 1 : steps - 1;
    return Interval(generic, to.midi() - from.midi());
}

Interval Interval::fromSemitones(int semitones) {
    // music21's convertSemitoneToSpecifierGeneric: within an octave, 1 -> m2, 3 -> m3,
    // 6 -> d5, 8 -> m6, 10 -> m7; octaves add 7 to the generic number.
    static constexpr int kGeneric[12] = {1, 2, 2, 3, 3, 4, 5, 5, 6, 6, 7, 7};
    const int size = std::abs(semitones);
    const int generic = kGeneric[size % 12] + 7 * (size / 12);
    return Interval(semitones < 0 && generic != 1 ? -generic : generic, semitones);
}

std::string Interval::quality() const {
    const int absGeneric = std::abs(generic_);
    const int simple = (absGeneric - 1) % 7 + 1;
    const int octaves = (absGeneric - 1) / 7;
    // Sizes are measured in the generic direction; a unison has none, so its signed semitones
    // count (C#4 -> C4 is a diminished unison, "d1", as music21 writes it).
    const int size = absGeneric == 1 ? semitones_ : (generic_ < 0 ? -semitones_ : semitones_);
    const int diff = size - kBase[simple] - 12 * octaves;
    if (isPerfectType(simple)) {
        if (diff == 0)
            return "P";
        return diff > 0 ? std::string(size_t(diff), 'A') : std::string(size_t(-diff), 'd');
    }
    if (diff == 0)
        return "M";
    if (diff == -1)
        return "m";
    return diff > 0 ? std::string(size_t(diff), 'A') : std::string(size_t(-diff - 1), 'd');
}

std::string Interval::name() const { return quality() + std::to_string(std::abs(generic_)); }

std::string Interval::directedName() const {
    return quality() + (generic_ < 0 ? "-" : "") + std::to_string(std::abs(generic_));
}

std::optional<Interval> Interval::parse(const std::string& text) {
    size_t i = 0;
    int diff = 0;
    char q = 0;
    while (i < text.size() && (text[i] == 'A' || text[i] == 'd')) {
        if (q && q != text[i])
            return std::nullopt;
        q = text[i];
        diff += q == 'A' ? 1 : -1;
        ++i;
    }
    bool perfect = false, major = false, minor = false;
    if (!q) {
        if (i >= text.size())
            return std::nullopt;
        perfect = text[i] == 'P';
        major = text[i] == 'M';
        minor = text[i] == 'm';
        if (!perfect && !major && !minor)
            return std::nullopt;
        ++i;
    }
    bool descending = false;
    if (i < text.size() && text[i] == '-') {
        descending = true;
        ++i;
    }
    if (i >= text.size() || text.size() - i > 3)
        return std::nullopt;
    int number = 0;
    for (; i < text.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(text[i])))
            return std::nullopt;
        number = number * 10 + (text[i] - '0');
    }
    if (number < 1)
        return std::nullopt;
    const int simple = (number - 1) % 7 + 1;
    const int octaves = (number - 1) / 7;
    if ((perfect || minor) && !isPerfectType(simple) == perfect)
        return std::nullopt;
    if (major && isPerfectType(simple))
        return std::nullopt;
    int size = kBase[simple] + 12 * octaves;
    if (minor)
        size -= 1;
    else if (q == 'A')
        size += diff;
    else if (q == 'd')
        size += isPerfectType(simple) ? diff : diff - 1;
    const int generic = descending && number != 1 ? -number : number;
    return Interval(generic, descending ? -size : size);
}

Pitch Interval::transpose(const Pitch& p) const {
    const int stepDelta = generic_ > 0 ? generic_ - 1 : generic_ + 1;
    const int d = p.diatonic() + stepDelta;
    const int octave = floorDiv(d, 7);
    const int step = d - octave * 7;
    const int target = p.midi() + semitones_;
    const int natural = (octave + 1) * 12 + stepPitchClass(step);
    return Pitch(step, target - natural, octave);
}

Interval Interval::reversed() const {
    return Interval(std::abs(generic_) == 1 ? generic_ : -generic_, -semitones_);
}

Interval add(const std::vector<Interval>& intervals) {
    const Pitch start(0, 0, 4);
    Pitch p = start;
    for (const Interval& i : intervals)
        p = i.transpose(p);
    return Interval::between(start, p);
}

Interval subtract(const std::vector<Interval>& intervals) {
    const Pitch start(0, 0, 4);
    if (intervals.empty())
        return Interval();
    Pitch p = intervals.front().transpose(start);
    for (size_t k = 1; k < intervals.size(); ++k)
        p = intervals[k].reversed().transpose(p);
    return Interval::between(start, p);
}

} // namespace jazz::theory
