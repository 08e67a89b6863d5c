#include "theory/Pitch.h"

#include <cctype>

namespace jazz::theory {

namespace {
constexpr int kStepPc[7] = {0, 2, 4, 5, 7, 9, 11};
constexpr char kLetters[7] = {'C', 'D', 'E', 'F', 'G', 'A', 'B'};
// music21's default spelling of each pitch class (pitch.Pitch(midi=n)).
constexpr int kMidiStep[12] = {0, 0, 1, 2, 2, 3, 3, 4, 4, 5, 6, 6};
constexpr int kMidiAlter[12] = {0, 1, 0, -1, 0, 0, 1, 0, 1, 0, -1, 0};
} // namespace

char stepLetter(int step) { return kLetters[((step % 7) + 7) % 7]; }
int stepPitchClass(int step) { return kStepPc[((step % 7) + 7) % 7]; }

Pitch Pitch::fromMidi(int midi) {
    const int pc = ((midi % 12) + 12) % 12;
    const int octave = (midi - pc) / 12 - 1;
    return Pitch(kMidiStep[pc], kMidiAlter[pc], octave);
}

std::optional<Pitch> Pitch::parse(const std::string& text) {
    if (text.empty())
        return std::nullopt;
    const char l = char(std::toupper(static_cast<unsigned char>(text[0])));
    int step = -1;
    for (int i = 0; i < 7; ++i)
        if (kLetters[i] == l)
            step = i;
    if (step < 0)
        return std::nullopt;
    size_t i = 1;
    int alter = 0;
    while (i < text.size() && (text[i] == '#' || text[i] == '-' || text[i] == 'b')) {
        alter += text[i] == '#' ? 1 : -1;
        ++i;
    }
    int octave = 4;
    if (i < text.size()) {
        bool negative = false;
        if (text[i] == '-') { // unreachable after the accidental loop; kept for clarity
            negative = true;
            ++i;
        }
        if (i == text.size())
            return std::nullopt;
        int v = 0;
        for (; i < text.size(); ++i) {
            if (!std::isdigit(static_cast<unsigned char>(text[i])) || v > 100)
                return std::nullopt;
            v = v * 10 + (text[i] - '0');
        }
        octave = negative ? -v : v;
    }
    return Pitch(step, alter, octave);
}

int Pitch::midi() const { return (octave_ + 1) * 12 + kStepPc[step_] + alter_; }

std::string Pitch::name() const {
    std::string s(1, kLetters[step_]);
    if (alter_ > 0)
        s.append(size_t(alter_), '#');
    else if (alter_ < 0)
        s.append(size_t(-alter_), '-');
    return s;
}

std::string Pitch::nameWithOctave() const { return name() + std::to_string(octave_); }

Pitch Pitch::simplified() const {
    if (alter_ == 0 || alter_ == 1 || alter_ == -1) {
        // Single accidentals are simplified only where a natural exists (E#, F-, B#, C-).
        const int pc = pitchClass();
        const int natural = stepPitchClass(step_);
        const bool onWhiteKey = pc == 0 || pc == 2 || pc == 4 || pc == 5 || pc == 7 ||
                                pc == 9 || pc == 11;
        if (alter_ == 0 || !onWhiteKey || natural == pc)
            return *this;
    }
    return fromMidi(midi());
}

Pitch Pitch::transposedSemitones(int semitones) const { return fromMidi(midi() + semitones); }

} // namespace jazz::theory
