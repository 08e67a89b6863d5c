#include "theory/ChordSymbol.h"

#include "Error.h"
#include "theory/ChordQuality.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

namespace jazz::theory {

namespace {

// Qualities identify() chooses from, most common first: it prefers earlier entries on ties.
// Their intervals come from the grammar, so a named chord always reads back the same.
const std::vector<ChordQuality>& identifiable() {
    static const std::vector<ChordQuality> q = [] {
        std::vector<ChordQuality> out;
        for (const char* suffix :
             {"", "m", "7", "m7", "maj7", "m7b5", "dim7", "dim", "aug", "6", "m6", "mMaj7", "9",
              "m9", "maj9", "7b9", "7#9", "7#11", "7b13", "7#5", "7b5", "11", "m11", "13", "m13",
              "maj13", "7alt", "sus4", "sus2", "7sus4", "add9", "6/9", "maj7#11", "5"})
            out.push_back(*ChordQuality::read(suffix, nullptr));
        return out;
    }();
    return q;
}

// Lead sheets and MusicXML exports write these for b, #, maj7, dim and half-dim; the grammar
// reads their ASCII forms (b # ^ o h -).
std::string foldSymbols(const std::string& text) {
    static const std::pair<const char*, const char*> folds[] = {
        {"\u266d", "b"}, {"\u266f", "#"}, {"\u0394", "^"}, {"\u2206", "^"}, {"\u25b3", "^"},
        {"\u00b0", "o"}, {"\u00ba", "o"}, {"\u00f8", "h"}, {"\u00d8", "h"}, {"\u2212", "-"},
        {"\u2013", "-"}};
    std::string out;
    for (size_t i = 0; i < text.size();) {
        bool folded = false;
        for (const auto& [from, to] : folds) {
            const size_t n = std::char_traits<char>::length(from);
            if (text.compare(i, n, from) == 0) {
                out += to;
                i += n;
                folded = true;
                break;
            }
        }
        if (!folded) {
            if (!std::isspace(static_cast<unsigned char>(text[i])))
                out += text[i];
            ++i;
        }
    }
    return out;
}

// Reads "C", "Bb", "F#" from the front of text; returns chars consumed (0 if none). One
// accidental at most: lead sheets never write double flats on a root, and "Cbb9" is nonsense.
size_t readNote(const std::string& text, size_t at, Pitch* out) {
    if (at >= text.size())
        return 0;
    const char l = text[at];
    if (l < 'A' || l > 'G')
        return 0;
    const int step = int(std::string("CDEFGAB").find(l));
    size_t i = at + 1;
    int alter = 0;
    if (i < text.size() && (text[i] == '#' || text[i] == 'b')) {
        alter = text[i] == '#' ? 1 : -1;
        ++i;
    }
    *out = Pitch(step, alter, 4);
    return i - at;
}

// A spelling of a pitch class for a chord root or bass.
Pitch spell(int pc, ChordSymbol::Spelling spelling) {
    static const int step[3][12] = {{0, 1, 1, 2, 2, 3, 3, 4, 5, 5, 6, 6},  // lead sheet
                                    {0, 1, 1, 2, 2, 3, 4, 4, 5, 5, 6, 6},  // flats
                                    {0, 0, 1, 1, 2, 3, 3, 4, 4, 5, 5, 6}}; // sharps
    static const int alter[3][12] = {{0, -1, 0, -1, 0, 0, 1, 0, -1, 0, -1, 0},
                                     {0, -1, 0, -1, 0, 0, -1, 0, -1, 0, -1, 0},
                                     {0, 1, 0, 1, 0, 0, 1, 0, 1, 0, 1, 0}};
    pc = ((pc % 12) + 12) % 12;
    const int k = int(spelling);
    return Pitch(step[k][pc], alter[k][pc], 4);
}

std::string printName(const Pitch& p) {
    std::string s(1, stepLetter(p.step()));
    if (p.alter() > 0)
        s.append(size_t(p.alter()), '#');
    else
        s.append(size_t(-p.alter()), 'b');
    return s;
}

bool isNoChordText(std::string t) {
    for (char& c : t)
        c = char(std::toupper(static_cast<unsigned char>(c)));
    return t == "N.C." || t == "N.C" || t == "NC" || t == "N/C";
}

// The '/' of a slash chord: the last one outside brackets ("C7(b9/#11)" has none).
size_t slashAt(const std::string& t) {
    size_t slash = std::string::npos;
    int depth = 0;
    for (size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '(')
            ++depth;
        else if (t[i] == ')')
            --depth;
        else if (t[i] == '/' && depth == 0)
            slash = i;
    }
    return slash;
}

} // namespace

std::optional<ChordSymbol> ChordSymbol::tryParse(const std::string& raw, std::string* error) {
    std::string reason;
    auto c = read(raw, &reason);
    if (!c && error)
        *error = "chord symbol '" + raw + "': " + reason;
    return c;
}

// Lower-case roots are refused rather than guessed: some charts write minor chords and Roman
// numeral analyses that way, so "c7" may not mean C7.
std::optional<ChordSymbol> ChordSymbol::read(const std::string& raw, std::string* why) {
    auto fail = [&](const std::string& reason) -> std::optional<ChordSymbol> {
        if (why)
            *why = reason;
        return std::nullopt;
    };
    const std::string text = foldSymbols(raw);
    if (text.empty())
        return fail("empty");
    if (isNoChordText(text))
        return ChordSymbol();
    ChordSymbol c;
    const size_t n = readNote(text, 0, &c.root_);
    if (!n) {
        if (text[0] >= 'a' && text[0] <= 'g')
            return fail("expected a root note A-G at the start; write the root in capitals ('" +
                        std::string(1, char(text[0] - 'a' + 'A')) + "', not '" + text[0] + "')");
        return fail("expected a root note A-G at the start");
    }
    std::string rest = text.substr(n);
    // Impro-Visor's polychords (Bb over C, written with a backslash) are two chords at once,
    // which one symbol cannot hold.
    if (rest.find('\\') != std::string::npos)
        return fail("a polychord ('\\') is two chords; write the upper one, or a slash chord");
    const size_t slash = slashAt(rest);
    if (slash != std::string::npos) {
        const std::string bassText = rest.substr(slash + 1);
        Pitch bass;
        const size_t bn = readNote(bassText, 0, &bass);
        // "6/9", and European "7/9", "m7/11", "7/b9": a tension after the slash, not a bass.
        auto digitAt = [&](size_t k) {
            return k < bassText.size() && bassText[k] >= '0' && bassText[k] <= '9';
        };
        const char sign = bassText.empty() ? ' ' : bassText[0];
        const bool signed_ = sign == 'b' || sign == '#' || sign == '+' || sign == '-';
        const bool tension = digitAt(0) || (signed_ && digitAt(1));
        if (bn && bn == bassText.size()) {
            c.bass_ = bass;
            rest = rest.substr(0, slash);
        } else if (!tension) {
            return fail("expected a bass note A-G after '/', got '" + bassText + "'");
        }
    }
    std::string reason;
    const auto quality = ChordQuality::read(rest, &reason);
    if (!quality)
        return fail(reason);
    c.noChord_ = false;
    c.suffix_ = quality->name();
    c.intervals_ = quality->intervals();
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
    if (bass_) {
        s += '/';
        s += printName(*bass_);
    }
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

ChordSymbol ChordSymbol::transposed(int semitones, Spelling spelling) const {
    if (noChord_)
        return *this;
    ChordSymbol c = *this;
    c.root_ = spell(root_.pitchClass() + semitones, spelling);
    if (bass_)
        c.bass_ = spell(bass_->pitchClass() + semitones, spelling);
    return c;
}

ChordSymbol::Spelling ChordSymbol::keySpelling() const {
    if (noChord_)
        return Spelling::LeadSheet;
    // A minor chord stands for its relative major's signature.
    const bool minorThird = std::count(intervals_.begin(), intervals_.end(), 3) &&
                            !std::count(intervals_.begin(), intervals_.end(), 4);
    const int tonic = (root_.pitchClass() + (minorThird ? 3 : 0)) % 12;
    // G D A E B have sharps; F# (6 sharps) and Gb (6 flats) tie, and jazz charts write Gb.
    return tonic == 7 || tonic == 2 || tonic == 9 || tonic == 4 || tonic == 11 ? Spelling::Sharps
                                                                              : Spelling::Flats;
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
        for (const ChordQuality& q : identifiable()) {
            const std::vector<int> intervals = q.intervals();
            std::set<int> want;
            for (int i : intervals)
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
                best.root_ = spell(root, Spelling::LeadSheet);
                best.suffix_ = q.name();
                best.intervals_ = intervals;
                if (lowest % 12 != root)
                    best.bass_ = spell(lowest % 12, Spelling::LeadSheet);
            }
        }
    }
    return best;
}

} // namespace jazz::theory
