#include "generate/Progression.h"

#include "Error.h"
#include "generate/KeySpelling.h"

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

std::vector<ChartBar> Progression::splitChart(const std::string& text) {
    std::vector<ChartBar> bars;
    size_t lineStart = 0;
    int line = 0;
    while (lineStart <= text.size()) {
        size_t lineEnd = text.find('\n', lineStart);
        if (lineEnd == std::string::npos)
            lineEnd = text.size();
        // Cells between bar lines; "||" (a section's end) is one bar line.
        std::vector<std::pair<size_t, size_t>> cells;
        size_t cellStart = lineStart;
        for (size_t i = lineStart; i <= lineEnd; ++i) {
            if (i < lineEnd && text[i] != '|')
                continue;
            cells.push_back({cellStart, i});
            while (i + 1 < lineEnd && text[i + 1] == '|')
                ++i;
            cellStart = i + 1;
        }
        auto blank = [&](const std::pair<size_t, size_t>& c) {
            return text.find_first_not_of(" \t\r", c.first) >= c.second;
        };
        // Outer bar lines are optional: a blank cell before the first or after the last one
        // is no bar.
        if (!cells.empty() && blank(cells.front()))
            cells.erase(cells.begin());
        if (!cells.empty() && blank(cells.back()))
            cells.pop_back();
        for (const auto& [b, e] : cells) {
            ChartBar bar;
            bar.line = line;
            bar.begin = b;
            bar.end = e;
            // Words; a bracket keeps its spaces' words together, and "G7 (b9)": a bracket of
            // alterations belongs to the chord before it ("(A7)" is a chord of its own).
            std::string word;
            int depth = 0;
            auto endWord = [&] {
                const bool alterations =
                    word.size() > 1 && word[0] == '(' && (word[1] < 'A' || word[1] > 'G');
                if (alterations && !bar.symbols.empty())
                    bar.symbols.back() += word;
                else if (!word.empty())
                    bar.symbols.push_back(word);
                word.clear();
                depth = 0;
            };
            for (size_t i = b; i < e; ++i) {
                const char ch = text[i];
                if (std::isspace(static_cast<unsigned char>(ch)) && depth == 0) {
                    endWord();
                } else if (!std::isspace(static_cast<unsigned char>(ch))) {
                    depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
                    word += ch;
                }
            }
            endWord();
            bars.push_back(bar);
        }
        lineStart = lineEnd + 1;
        ++line;
    }
    return bars;
}

ChordChart Progression::readChart(const std::string& text, double beatsPerBar) {
    const std::vector<ChartBar> bars = splitChart(text);
    if (std::all_of(bars.begin(), bars.end(), [](const ChartBar& b) { return b.symbols.empty(); }))
        throw Error("chord progression '" + text + "': no chords");

    ChordChart chart;
    for (size_t b = 0; b < bars.size(); ++b) {
        const auto& symbols = bars[b].symbols;
        const int barNumber = int(b + 1);
        const bool repeat = symbols.size() == 1 && symbols[0] == "%";
        if (repeat || symbols.empty()) { // "%", or an empty bar: the bar before holds
            if (chart.bars.empty())
                chart.errors.push_back({barNumber, repeat ? "%" : "",
                                        repeat ? "repeats a bar that does not exist"
                                               : "is empty; write its chord (or N.C.)"});
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
        message += e.symbol == "%"  ? "'%' " + e.reason
                   : e.symbol.empty() ? "the bar " + e.reason
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
    const KeyTransposition move(*this, semitones);
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
            if (!c.symbol.empty())
                c.symbol = move.symbol(c.symbol);
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
