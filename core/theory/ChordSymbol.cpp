#include "theory/ChordSymbol.h"

#include "Error.h"

#include <algorithm>
#include <set>

namespace jazz::theory {

namespace {

struct Quality {
    const char* suffix; // the canonical spelling we print
    std::vector<int> intervals;
};

// Canonical qualities, most common first: identify() prefers earlier entries on ties.
const std::vector<Quality>& qualities() {
    static const std::vector<Quality> q = {
        {"", {0, 4, 7}},
        {"m", {0, 3, 7}},
        {"7", {0, 4, 7, 10}},
        {"m7", {0, 3, 7, 10}},
        {"maj7", {0, 4, 7, 11}},
        {"m7b5", {0, 3, 6, 10}},
        {"dim7", {0, 3, 6, 9}},
        {"dim", {0, 3, 6}},
        {"aug", {0, 4, 8}},
        {"6", {0, 4, 7, 9}},
        {"m6", {0, 3, 7, 9}},
        {"mMaj7", {0, 3, 7, 11}},
        {"9", {0, 4, 7, 10, 14}},
        {"m9", {0, 3, 7, 10, 14}},
        {"maj9", {0, 4, 7, 11, 14}},
        {"7b9", {0, 4, 7, 10, 13}},
        {"7#9", {0, 4, 7, 10, 15}},
        {"7#11", {0, 4, 7, 10, 18}},
        {"7b13", {0, 4, 7, 10, 20}},
        {"7#5", {0, 4, 8, 10}},
        {"7b5", {0, 4, 6, 10}},
        {"11", {0, 4, 7, 10, 14, 17}},
        {"m11", {0, 3, 7, 10, 14, 17}},
        {"13", {0, 4, 7, 10, 14, 21}},
        {"m13", {0, 3, 7, 10, 14, 21}},
        {"maj13", {0, 4, 7, 11, 14, 21}},
        {"7alt", {0, 4, 10, 13, 15, 18, 20}},
        {"sus4", {0, 5, 7}},
        {"sus2", {0, 2, 7}},
        {"7sus4", {0, 5, 7, 10}},
        {"add9", {0, 4, 7, 14}},
        {"6/9", {0, 4, 7, 9, 14}},
        {"maj7#11", {0, 4, 7, 11, 18}},
        {"5", {0, 7}},
    };
    return q;
}

// Other spellings musicians write, mapped to the canonical suffix.
const std::vector<std::pair<const char*, const char*>>& aliases() {
    static const std::vector<std::pair<const char*, const char*>> a = {
        {"maj", ""},      {"M", ""},         {"min", "m"},       {"-", "m"},
        {"mi", "m"},      {"dom7", "7"},     {"M7", "maj7"},     {"Maj7", "maj7"},
        {"ma7", "maj7"},  {"^7", "maj7"},    {"^", "maj7"},      {"min7", "m7"},
        {"-7", "m7"},     {"mi7", "m7"},     {"ø", "m7b5"},      {"ø7", "m7b5"},
        {"-7b5", "m7b5"}, {"min7b5", "m7b5"}, {"o7", "dim7"},    {"°7", "dim7"},
        {"o", "dim"},     {"°", "dim"},      {"+", "aug"},       {"+7", "7#5"},
        {"aug7", "7#5"},  {"M9", "maj9"},    {"Maj9", "maj9"},   {"-9", "m9"},
        {"min9", "m9"},   {"-6", "m6"},      {"min6", "m6"},     {"m(maj7)", "mMaj7"},
        {"-maj7", "mMaj7"}, {"mM7", "mMaj7"}, {"M13", "maj13"},   {"-11", "m11"},
        {"-13", "m13"},   {"sus", "sus4"},   {"7sus", "7sus4"},  {"69", "6/9"},
        {"alt", "7alt"},  {"7+", "7#5"},     {"M7#11", "maj7#11"},
    };
    return a;
}

const Quality* findQuality(const std::string& suffix) {
    std::string canonical = suffix;
    for (const auto& [alias, target] : aliases())
        if (suffix == alias)
            canonical = target;
    for (const Quality& q : qualities())
        if (canonical == q.suffix)
            return &q;
    return nullptr;
}

// Reads "C", "Bb", "F#", "E-" from the front of text; returns chars consumed (0 if none).
size_t readNote(const std::string& text, size_t at, Pitch* out) {
    if (at >= text.size())
        return 0;
    const char l = text[at];
    if (l < 'A' || l > 'G')
        return 0;
    int step = std::string("CDEFGAB").find(l);
    size_t i = at + 1;
    int alter = 0;
    // A 'b' right after the letter is a flat; "-" as a flat only when a digit or end does not
    // follow a minor sign ("C-7" is C minor seven, music21's "E-" is E flat before a letter).
    while (i < text.size() && (text[i] == '#' || text[i] == 'b')) {
        alter += text[i] == '#' ? 1 : -1;
        ++i;
    }
    *out = Pitch(step, alter, 4);
    return i - at;
}

// Lead-sheet spelling of a pitch class: flats for Db Eb Ab Bb, F# for the tritone.
Pitch leadSheetSpelling(int pc, bool preferSharps = false) {
    static const int step[12] = {0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6};
    static const int alter[12] = {0, -1, 0, -1, 0, 0, 1, 0, -1, 0, -1, 0};
    pc = ((pc % 12) + 12) % 12;
    if (preferSharps)
        return Pitch::fromMidi(60 + pc);
    return Pitch(step[pc], alter[pc], 4);
}

std::string printName(const Pitch& p) {
    std::string s(1, stepLetter(p.step()));
    if (p.alter() > 0)
        s.append(size_t(p.alter()), '#');
    else
        s.append(size_t(-p.alter()), 'b');
    return s;
}

} // namespace

std::optional<ChordSymbol> ChordSymbol::tryParse(const std::string& raw, std::string* error) {
    auto failWith = [&](const std::string& why) -> std::optional<ChordSymbol> {
        if (error)
            *error = "chord symbol '" + raw + "': " + why;
        return std::nullopt;
    };
    std::string text = raw;
    text.erase(std::remove_if(text.begin(), text.end(), [](char c) { return c == ' '; }),
               text.end());
    if (text.empty())
        return failWith("empty");
    if (text == "N.C." || text == "NC" || text == "N.C")
        return ChordSymbol();
    ChordSymbol c;
    const size_t n = readNote(text, 0, &c.root_);
    if (!n)
        return failWith("expected a root note A-G at the start");
    std::string rest = text.substr(n);
    const size_t slash = rest.rfind('/');
    // "6/9" is a quality, not a slash chord.
    if (slash != std::string::npos && !(rest.substr(0, slash + 2) == "6/9" ||
                                        rest.substr(0, slash + 2) == "m6/9")) {
        const std::string bassText = rest.substr(slash + 1);
        Pitch bass;
        const size_t bn = readNote(bassText, 0, &bass);
        if (!bn || bn != bassText.size())
            return failWith("expected a bass note after '/', got '" + bassText + "'");
        c.bass_ = bass;
        rest = rest.substr(0, slash);
    }
    const Quality* q = findQuality(rest);
    if (!q)
        return failWith("unknown chord quality '" + rest + "'");
    c.noChord_ = false;
    c.suffix_ = q->suffix;
    c.intervals_ = q->intervals;
    if (c.bass_ && c.bass_->pitchClass() == c.root_.pitchClass())
        c.bass_.reset();
    return c;
}

ChordSymbol ChordSymbol::parse(const std::string& text) {
    std::string error;
    auto c = tryParse(text, &error);
    if (!c)
        throw Error(error);
    return *c;
}

std::vector<int> ChordSymbol::pitchClasses() const {
    std::set<int> pcs;
    if (noChord_)
        return {};
    for (int i : intervals_)
        pcs.insert((root_.pitchClass() + i) % 12);
    if (bass_)
        pcs.insert(bass_->pitchClass());
    return {pcs.begin(), pcs.end()};
}

std::string ChordSymbol::toString() const {
    if (noChord_)
        return "N.C.";
    std::string s = printName(root_) + suffix_;
    if (bass_)
        s += "/" + printName(*bass_);
    return s;
}

std::vector<int> ChordSymbol::voicing(int bassOctave) const {
    if (noChord_)
        return {};
    std::vector<int> notes;
    const int rootMidi = (bassOctave + 1) * 12 + root_.pitchClass();
    if (bass_) {
        const int b = (bassOctave + 1) * 12 + bass_->pitchClass();
        notes.push_back(b);
        for (int i : intervals_) {
            int p = rootMidi + i;
            while (p <= b)
                p += 12;
            notes.push_back(p);
        }
    } else {
        for (int i : intervals_)
            notes.push_back(rootMidi + i);
    }
    std::sort(notes.begin(), notes.end());
    notes.erase(std::unique(notes.begin(), notes.end()), notes.end());
    return notes;
}

ChordSymbol ChordSymbol::transposed(int semitones, bool preferSharps) const {
    if (noChord_)
        return *this;
    ChordSymbol c = *this;
    auto move = [&](const Pitch& p) {
        return leadSheetSpelling(p.pitchClass() + semitones, preferSharps);
    };
    c.root_ = move(root_);
    if (bass_)
        c.bass_ = move(*bass_);
    return c;
}

ChordSymbol ChordSymbol::identify(const std::vector<int>& midiPitches) {
    if (midiPitches.empty())
        return ChordSymbol();
    const int lowest = *std::min_element(midiPitches.begin(), midiPitches.end());
    std::set<int> pcs;
    for (int p : midiPitches)
        pcs.insert(((p % 12) + 12) % 12);
    // Score each (root, quality): chord tones present count +2, missing -3, extra notes -1;
    // a root in the bass earns +1 so inversions are named as slash chords only when needed.
    int bestScore = -1000;
    ChordSymbol best;
    for (int root : pcs) {
        for (const Quality& q : qualities()) {
            std::set<int> want;
            for (int i : q.intervals)
                want.insert((root + i) % 12);
            int score = 0;
            for (int w : want)
                score += pcs.count(w) ? 2 : ((w - root + 12) % 12 == 7 ? -1 : -3);
            for (int p : pcs)
                if (!want.count(p))
                    score -= 2;
            if (root == lowest % 12)
                score += 1;
            if (score > bestScore) {
                bestScore = score;
                best = ChordSymbol();
                best.noChord_ = false;
                best.root_ = leadSheetSpelling(root);
                best.suffix_ = q.suffix;
                best.intervals_ = q.intervals;
                if (lowest % 12 != root)
                    best.bass_ = leadSheetSpelling(lowest % 12);
            }
        }
    }
    return best;
}

} // namespace jazz::theory
