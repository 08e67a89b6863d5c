#include "generate/Progression.h"

#include "Error.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <sstream>

namespace jazz::generate {

namespace {

// ii-V-I is offered in every key: "ii-v-i-c", "ii-v-i-bb", "ii-v-i-f#".
const std::map<std::string, std::string>& fixedPresets() {
    static const std::map<std::string, std::string> p = {
        {"blues-f", "| F7 | Bb7 | F7 | F7 | Bb7 | Bb7 | F7 | D7 | Gm7 | C7 | F7 D7 | Gm7 C7 |"},
        {"blues-bb", "| Bb7 | Eb7 | Bb7 | Bb7 | Eb7 | Eb7 | Bb7 | G7 | Cm7 | F7 | Bb7 G7 | Cm7 F7 |"},
        {"minor-blues", "| Cm7 | Fm7 | Cm7 | Cm7 | Fm7 | Fm7 | Cm7 | Cm7 | Ab7 | G7 | Cm7 | Dm7b5 G7 |"},
        {"rhythm-a", "| Bb6 G7 | Cm7 F7 | Bb6 G7 | Cm7 F7 | Bb7 | Eb6 Edim7 | Bb6/F F7 | Bb6 |"},
    };
    return p;
}

std::string lower(std::string s) {
    for (char& c : s)
        c = char(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

} // namespace

ChordChart Progression::readChart(const std::string& text, double beatsPerBar) {
    // Split into bars of words; a bracket keeps its spaces' words together.
    std::vector<std::vector<std::string>> bars;
    std::vector<std::string> words;
    std::string word;
    int depth = 0;
    auto endWord = [&] {
        // "G7 (b9)": a bracket of alterations belongs to the chord before it; "(A7)" is a chord.
        const bool alterations =
            word.size() > 1 && word[0] == '(' && (word[1] < 'A' || word[1] > 'G');
        if (alterations && !words.empty())
            words.back() += word;
        else if (!word.empty())
            words.push_back(word);
        word.clear();
        depth = 0;
    };
    auto endBar = [&] {
        endWord();
        if (!words.empty())
            bars.push_back(words);
        words.clear();
    };
    for (char ch : text) {
        if (ch == '|' || ch == '\n' || ch == '\r') {
            endBar();
        } else if (std::isspace(static_cast<unsigned char>(ch)) && depth == 0) {
            endWord();
        } else if (!std::isspace(static_cast<unsigned char>(ch))) {
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            word += ch;
        }
    }
    endBar();
    if (bars.empty())
        throw Error("chord progression '" + text + "': no chords");

    ChordChart chart;
    for (size_t b = 0; b < bars.size(); ++b) {
        const auto& symbols = bars[b];
        const int barNumber = int(b + 1);
        if (symbols.size() == 1 && symbols[0] == "%") {
            if (chart.bars.empty())
                chart.errors.push_back({barNumber, "%", "repeats a bar that does not exist"});
            chart.bars.push_back(chart.bars.empty() ? std::vector<WrittenChord>{}
                                                    : chart.bars.back());
            continue;
        }
        std::vector<WrittenChord> bar;
        const double each = beatsPerBar / double(symbols.size());
        for (size_t i = 0; i < symbols.size(); ++i) {
            std::string reason;
            if (const auto c = theory::ChordSymbol::read(symbols[i], &reason))
                bar.push_back({symbols[i], *c, each * double(i)});
            else
                chart.errors.push_back({barNumber, symbols[i], reason});
        }
        chart.bars.push_back(bar);
    }
    return chart;
}

Progression Progression::parse(const std::string& text, double beatsPerBar) {
    const ChordChart chart = readChart(text, beatsPerBar);
    if (!chart.errors.empty()) {
        const ChordError& e = chart.errors.front();
        std::string message = "chord progression, bar " + std::to_string(e.bar) + ": ";
        message += e.symbol == "%" ? "'%' " + e.reason
                                   : "chord symbol '" + e.symbol + "': " + e.reason;
        if (chart.errors.size() > 1)
            message += " (and " + std::to_string(chart.errors.size() - 1) + " more refused)";
        throw Error(message);
    }
    Progression p;
    p.beatsPerBar = beatsPerBar;
    for (const auto& written : chart.bars) {
        std::vector<BarChord> bar;
        for (const WrittenChord& w : written)
            if (!w.chord.isNoChord())
                bar.push_back({w.offset, w.chord.voicing(3), w.chord.toString()});
        p.bars.push_back(bar);
    }
    return p;
}

std::vector<std::string> Progression::presetNames() {
    std::vector<std::string> names;
    for (const auto& [name, _] : fixedPresets())
        names.push_back(name);
    names.push_back("ii-v-i-KEY (e.g. ii-v-i-c, ii-v-i-bb)");
    return names;
}

std::string Progression::presetText(const std::string& rawName) {
    const std::string name = lower(rawName);
    auto it = fixedPresets().find(name);
    if (it != fixedPresets().end())
        return it->second;
    const std::string prefix = "ii-v-i-";
    if (name.rfind(prefix, 0) == 0 && name.size() > prefix.size()) {
        std::string key = rawName.substr(prefix.size());
        key[0] = char(std::toupper(static_cast<unsigned char>(key[0])));
        std::string error;
        const auto tonic = theory::ChordSymbol::tryParse(key + "maj7", &error);
        if (tonic && !tonic->isNoChord()) {
            const int pc = tonic->root().pitchClass();
            // Sharp keys (G D A E B F#, or any key spelled with a sharp) spell with sharps.
            const auto sharps = tonic->root().alter() > 0 || pc == 7 || pc == 2 || pc == 9 ||
                                        pc == 4 || pc == 11
                                    ? theory::ChordSymbol::Spelling::Sharps
                                    : theory::ChordSymbol::Spelling::Flats;
            const auto c = theory::ChordSymbol::parse("Cmaj7").transposed(pc, sharps);
            const auto ii = theory::ChordSymbol::parse("Dm7").transposed(pc, sharps);
            const auto v = theory::ChordSymbol::parse("G7").transposed(pc, sharps);
            return "| " + ii.toString() + " | " + v.toString() + " | " + c.toString() + " | " +
                   c.toString() + " |";
        }
    }
    std::string list;
    for (const auto& n : presetNames())
        list += (list.empty() ? "" : ", ") + n;
    throw Error("unknown preset '" + rawName + "'; presets: " + list);
}

Progression Progression::preset(const std::string& name) { return parse(presetText(name)); }

Progression Progression::transposed(int semitones) const {
    Progression p = *this;
    // One key for every chord: the one the first chord, moved, is the tonic of.
    auto spelling = theory::ChordSymbol::Spelling::LeadSheet;
    for (const auto& bar : bars)
        if (!bar.empty()) {
            std::string error;
            if (auto s = theory::ChordSymbol::tryParse(bar.front().symbol, &error))
                spelling = s->transposed(semitones).keySpelling();
            break;
        }
    for (auto& bar : p.bars)
        for (auto& c : bar) {
            for (int& pitch : c.pitches)
                pitch += semitones;
            // Keep voicings in a comping register.
            while (!c.pitches.empty() && *std::min_element(c.pitches.begin(), c.pitches.end()) > 59)
                for (int& pitch : c.pitches)
                    pitch -= 12;
            while (!c.pitches.empty() && *std::min_element(c.pitches.begin(), c.pitches.end()) < 36)
                for (int& pitch : c.pitches)
                    pitch += 12;
            if (!c.symbol.empty()) {
                std::string error;
                if (auto s = theory::ChordSymbol::tryParse(c.symbol, &error))
                    c.symbol = s->transposed(semitones, spelling).toString();
            }
        }
    return p;
}

Progression Progression::repeated(int choruses) const {
    Progression p;
    p.beatsPerBar = beatsPerBar;
    for (int i = 0; i < std::max(1, choruses); ++i)
        p.bars.insert(p.bars.end(), bars.begin(), bars.end());
    return p;
}

} // namespace jazz::generate
