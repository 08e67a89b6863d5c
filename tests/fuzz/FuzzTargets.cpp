#include "FuzzTargets.h"

#include "Error.h"
#include "chart/ChordChart.h"
#include "chart/IRealChart.h"
#include "chart/IRealPro.h"
#include "compose/Quantize.h"
#include "corpus/Import.h"
#include "corpus/MusicXmlReader.h"
#include "corpus/TextCorpus.h"
#include "dataset/Conditions.h"
#include "generate/Progression.h"
#include "grammar/Decoder.h"
#include "grammar/Encoder.h"
#include "midi/MidiFile.h"
#include "midi/Song.h"
#include "model/ModelFile.h"
#include "notation/MusicXmlWriter.h"
#include "session/Session.h"
#include "theory/ChordSymbol.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <random>

namespace jazz::fuzz {

namespace {

// A broken invariant is a bug to report: abort so that the fuzzer saves the input.
void require(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
        std::abort();
    }
}

std::string text(const uint8_t* data, size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

} // namespace

void midiFile(const uint8_t* data, size_t size) {
    midi::File file;
    try {
        file = midi::parse(std::vector<uint8_t>(data, data + size), "fuzz.mid");
    } catch (const Error&) {
        return;
    }
    // What the reader accepts, the writer writes and the reader reads back the same.
    const auto again = midi::parse(midi::serialize(file), "again.mid");
    require(again.tracks.size() == file.tracks.size(), "track count survives a round trip");
    try {
        const corpus::LeadSheet sheet = corpus::importLeadSheet(file, "fuzz.mid", {});
        grammar::encode(sheet);
    } catch (const Error&) {
    }
}

void chordSymbols(const uint8_t* data, size_t size) {
    const std::string t = text(data, size);
    std::string error;
    if (const auto c = theory::ChordSymbol::tryParse(t, &error)) {
        const auto back = theory::ChordSymbol::parse(c->toString());
        require(back == *c, "a chord symbol reads back as printed");
        require(back.toString() == c->toString(), "a normalised name is its own normal form");
        for (int pitch : c->voicing())
            require(pitch >= 0 && pitch <= 127, "a voicing stays in MIDI range");
        for (auto spelling : {theory::ChordSymbol::Spelling::Flats,
                              theory::ChordSymbol::Spelling::Sharps})
            require(c->transposed(7, spelling).transposed(5, spelling).pitchClasses() ==
                        c->pitchClasses(),
                    "transposing by an octave in two steps gives the same chord");
    } else {
        require(!error.empty(), "a refused chord symbol says why");
    }
    try {
        // Every refused symbol is listed with its bar; the throwing parse agrees with the chart.
        const auto chart = generate::Progression::readChart(t);
        for (const auto& e : chart.errors)
            require(e.bar >= 1 && e.bar <= int(chart.bars.size()) && !e.reason.empty(),
                    "a refused symbol names its bar and why");
        bool threw = false;
        try {
            const auto p = generate::Progression::parse(t);
            for (const auto& bar : p.repeated(2).transposed(-7).bars)
                for (const auto& ch : bar)
                    for (int pitch : ch.pitches)
                        require(pitch >= 0 && pitch <= 127, "voicings stay in MIDI range");
        } catch (const Error&) {
            threw = true;
        }
        require(threw == !chart.errors.empty(), "parse throws exactly when the chart has errors");
    } catch (const Error&) {
    }
}

void grammarValue(const uint8_t* data, size_t size) {
    std::string error;
    const auto v = grammar::Value::parse(text(data, size), &error);
    if (!v) {
        require(!error.empty(), "a refused value says why");
        return;
    }
    const auto back = grammar::Value::parse(v->toString());
    require(back && back->toString() == v->toString(), "a value reads back as printed");
    // Decode it over a chord as the generator would, after an opening note.
    const std::vector<grammar::Value> values = {*grammar::Value::parse("C,0.250"), *v, *v};
    const std::vector<grammar::TimedChord> chords = {
        {0, theory::Chord::fromMidi({48, 52, 55, 58})}, {2, theory::Chord::fromMidi({53, 57, 60, 63})}};
    for (const auto& style : {grammar::Decoding::notebook(), grammar::Decoding{}}) {
        std::mt19937 rng(1);
        for (const auto& n : grammar::realizeMeasure(values, chords, rng, style, 64))
            require(n.pitch >= 0 && n.pitch <= 127 && n.duration > 0, "decoded notes are playable");
    }
}

void modelFile(const uint8_t* data, size_t size) {
    model::TrainedModel m;
    try {
        m = model::parseModel(std::vector<uint8_t>(data, data + size), "fuzz.jzm");
    } catch (const Error&) {
        return;
    }
    model::LstmState state(m.model.config.nA);
    std::vector<float> probabilities;
    std::vector<float> conditions(size_t(std::max(0, m.model.config.nCond)), 0.f);
    for (int x = -1; x < std::min(3, m.model.config.nValues); ++x)
        model::step(m.model, x, state, probabilities, conditions.data());
    require(model::serializeModel(model::parseModel(model::serializeModel(m), "again.jzm")) ==
                model::serializeModel(m),
            "a model file round-trips");
}

void sessionFile(const uint8_t* data, size_t size) {
    session::Session s;
    try {
        s = session::parseSession(text(data, size), "fuzz.jazz");
    } catch (const Error&) {
        return;
    }
    const std::string once = session::serializeSession(s);
    require(session::serializeSession(session::parseSession(once, "again.jazz")) == once,
            "a session round-trips");
    for (const auto& take : s.takes) // what export and playback do with a take
        midi::serialize(midi::fromSong(take.arrangement.toSong()));
}

void textCorpus(const uint8_t* data, size_t size) {
    std::vector<corpus::Tune> tunes;
    try {
        tunes = corpus::parseTextCorpus(text(data, size), "fuzz.txt");
    } catch (const Error&) {
        return;
    }
    for (const auto& t : tunes) {
        grammar::encode(t.sheet);
        grammar::encode(corpus::transposed(t, 5).sheet);
    }
}

void irealLink(const uint8_t* data, size_t size) {
    const std::string t = text(data, size);
    // What the decoder accepts, the progression parser reads, within the bar limit.
    auto check = [](const std::vector<std::string>& bars, double beatsPerBar) {
        require(bars.size() <= size_t(chart::kMaxIRealBars), "a form stays within its bar limit");
        std::string chordText = "|";
        for (const auto& b : bars)
            chordText += " " + b + " |";
        try {
            const auto p = generate::Progression::parse(chordText, beatsPerBar);
            require(p.bars.size() == bars.size(), "every decoded bar is a progression bar");
        } catch (const Error&) {
            require(false, "decoded changes parse as a progression");
        }
    };
    if (chart::isIRealLink(t)) {
        try {
            const auto list = chart::decodeIRealLink(t);
            require(!list.tunes.empty(), "a decoded link holds a tune");
            for (const auto& tune : list.tunes)
                check(tune.bars, tune.beatsPerBar);
            chart::pickIRealTune(list, "1");
        } catch (const Error&) {
        }
        return;
    }
    try {
        const auto form = chart::readIRealChart(chart::unscrambleIRealMusic(t), "fuzz");
        check(form.bars, form.beatsPerBar);
    } catch (const Error&) {
    }
    try {
        const std::string bars = chart::parseChordChart(t, "fuzz.txt");
        generate::Progression::parse(bars);
    } catch (const Error&) {
    }
}

void musicXml(const uint8_t* data, size_t size) {
    corpus::LeadSheet sheet;
    try {
        sheet = corpus::parseMusicXml(std::vector<char>(data, data + size), "fuzz.musicxml", {});
    } catch (const Error&) {
        return;
    }
    require(!sheet.measures.empty(), "an accepted lead sheet has measures");
    for (const auto& m : sheet.measures) {
        for (const auto& e : m.melody)
            for (int p : e.pitches)
                require(p >= 0 && p <= 127, "melody pitches stay in MIDI range");
        for (const auto& c : m.chords)
            for (int p : c.pitches)
                require(p >= 0 && p <= 127, "chord voicings stay in MIDI range");
    }
    grammar::encode(sheet);
}

// What a MIDI input port delivers, as a trade or a recording reads it: records of 4 bytes (a
// message's 3 bytes, then how long after the one before it came, in 64ths of a beat), paired
// into notes, quantized over two bars and encoded over a ii-V-I.
void midiInput(const uint8_t* data, size_t size) {
    std::vector<playback::BeatMessage> messages;
    double beat = -0.25;
    for (size_t i = 0; i + 4 <= size; i += 4) {
        beat += data[i + 3] / 64.0;
        playback::BeatMessage m;
        m.beat = beat;
        m.message.bytes = {data[i], data[i + 1], data[i + 2]};
        m.message.size = 3;
        messages.push_back(m);
    }
    compose::QuantizeOptions o;
    o.bars = 2;
    const auto notes = compose::quantize(compose::pairNotes(messages, beat + 1), o);
    for (size_t i = 0; i < notes.size(); ++i) {
        const auto& n = notes[i];
        require(n.duration > 0, "a quantized note lasts");
        require(n.start >= 0 && n.start + n.duration <= 8 + 1e-9,
                "quantized notes stay in the bars");
        require(std::floor(n.start / 4) == std::floor((n.start + n.duration - 1e-9) / 4),
                "quantized notes end at their bar line");
        require(n.pitch >= 0 && n.pitch <= 127, "pitches stay in MIDI range");
        require(i == 0 || n.start >= notes[i - 1].start + notes[i - 1].duration - 1e-9,
                "quantized notes make one line");
    }
    static const auto chords = generate::Progression::parse("| Dm7 G7 | Cmaj7 |");
    const auto values = compose::encodeBars(notes, chords);
    require(values.size() == 2, "a value list per bar");
    for (const auto& bar : values)
        for (const auto& v : bar)
            require(grammar::Value::parse(v).has_value(), "encoded values read back");
}

const std::vector<NamedTarget>& targets() {
    static const std::vector<NamedTarget> all = {
        {"midi", midiFile},   {"chords", chordSymbols}, {"value", grammarValue},
        {"model", modelFile}, {"session", sessionFile}, {"textcorpus", textCorpus},
        {"ireal", irealLink}, {"musicxml", musicXml}, {"midiinput", midiInput}};
    return all;
}

std::vector<std::vector<uint8_t>> seeds(const std::string& target) {
    auto bytes = [](const std::string& s) { return std::vector<uint8_t>(s.begin(), s.end()); };
    std::vector<std::vector<uint8_t>> out;
    if (target == "midi") {
        midi::Song song;
        midi::SongTrack comp, solo;
        comp.name = "Piano";
        solo.name = "Sax";
        solo.channel = 1;
        for (int p : {50, 53, 57, 60})
            comp.notes.push_back({0, 4, p, 70, 0});
        for (int p : {43, 47, 50, 53})
            comp.notes.push_back({4, 4, p, 70, 0});
        const int line[] = {74, 72, 69, 65, 67, 71, 74, 77};
        for (int i = 0; i < 8; ++i)
            solo.notes.push_back({i * 0.5 + (i % 3 == 2 ? 1.0 / 3 : 0), 0.4, line[i], 90, 1});
        song.tracks = {comp, solo};
        out.push_back(midi::serialize(midi::fromSong(song)));
        song.tracks = {solo};
        out.push_back(midi::serialize(midi::fromSong(song)));
    } else if (target == "chords") {
        for (const char* s :
             {"Dm7", "G7b9", "F#m7b5", "C/E", "N.C.", "Bbmaj7#11", "Ebm(maj7)", "C-\u0394" "7",
              "D7(b9,#11)", "G13sus4b9", "C\u00f8" "7", "Bb\u00b0" "7", "E\u266d" "6/9/G",
              "Cm7-5", "C7alt", "C7susadd3", "Am+", "Cadd9no3", "C5", "c7", "Cq7",
              "| Dm7 G7 | Cmaj7 | % |", "| F7 | Bb7 | F7 | % |", "| C7(b9 #11) | H7 X |\n| % |"})
            out.push_back(bytes(s));
    } else if (target == "value") {
        for (const char* s : {"C,0.250", "S,0.500,<m2,P-4>", "A,0.333,<d5,P1>", "R,1.000",
                              "X,0.250,<M-2,m-6>", "C,0.25"})
            out.push_back(bytes(s));
    } else if (target == "model") {
        model::TrainedModel m;
        m.vocabulary = dataset::Vocabulary::fromValues({"C,0.250", "S,0.500,<m2,P-4>", "R,0.250"});
        m.model = model::LstmModel::initialized({3, 4, 5}, 1);
        m.corpusChords = {{{0, {50, 53, 57, 60}}}};
        m.corpusMelody = {{{0, 1, 62}, {1, 0.5, 65}}};
        out.push_back(model::serializeModel(m));
        m.model = model::LstmModel::initialized({3, 4, 5, dataset::kConditionWidth}, 2);
        out.push_back(model::serializeModel(m));
    } else if (target == "session") {
        session::Session s;
        s.corpus.push_back({"a.mid", "Sax", "Piano", 0.0, 16.0, {}});
        s.corpus.push_back({"melody.mid", {}, {}, {}, {}, "| Dm7 G7 | Cmaj7 |"});
        session::Take t;
        t.name = "Take 1";
        t.arrangement.solo.progression = generate::Progression::parse("| Dm7 G7 | Cmaj7 |");
        t.arrangement.solo.notes = {{0, 0.5, 62, 90}, {0.5, 0.5, 65, 84}};
        s.takes.push_back(t);
        s.currentTake = 0;
        out.push_back(bytes(session::serializeSession(s)));
    } else if (target == "musicxml") {
        // The studio's own export of a take, and a hand-written score with what it does not
        // write: a pickup, two parts, voices with <backup>, ties, degrees, a bass, N.C.
        generate::Arrangement a;
        a.solo.progression = generate::Progression::parse("| Dm7 G7b9 | Cmaj7/E |");
        a.solo.notes = {{0, 1.5, 62},
                        {1.5, 0.5, 65},
                        {2, 1.0 / 3, 69},
                        {2 + 1.0 / 3, 1.0 / 3, 72},
                        {2 + 2.0 / 3, 1.0 / 3, 71},
                        {3, 2, 67},
                        {5.5, 0.25, 64}};
        out.push_back(bytes(notation::toMusicXml(a, "Seed")));
        out.push_back(bytes(
            "<score-partwise><part-list><score-part id=\"P1\"><part-name>Sax</part-name>"
            "</score-part><score-part id=\"P2\"/></part-list><part id=\"P1\">"
            "<measure number=\"0\" implicit=\"yes\"><attributes><divisions>6</divisions><time>"
            "<beats>3+1</beats><beat-type>4</beat-type></time><transpose><chromatic>-2"
            "</chromatic></transpose></attributes><harmony><root><root-step>C</root-step></root>"
            "<kind>none</kind></harmony><note><pitch><step>G</step><octave>4</octave></pitch>"
            "<duration>6</duration><voice>1</voice></note></measure><measure number=\"1\">"
            "<harmony><root><root-step>B</root-step><root-alter>-1</root-alter></root><kind "
            "text=\"7\">dominant</kind><bass><bass-step>D</bass-step></bass><degree>"
            "<degree-value>9</degree-value><degree-alter>-1</degree-alter><degree-type>add"
            "</degree-type></degree><offset>3</offset></harmony><note><pitch><step>F</step>"
            "<octave>5</octave></pitch><duration>12</duration><tie type=\"start\"/><voice>1"
            "</voice></note><note><pitch><step>F</step><octave>5</octave></pitch><duration>4"
            "</duration><tie type=\"stop\"/><voice>1</voice><time-modification><actual-notes>3"
            "</actual-notes><normal-notes>2</normal-notes></time-modification></note><note>"
            "<chord/><pitch><step>A</step><octave>5</octave></pitch><duration>4</duration></note>"
            "<note><rest/><duration>8</duration></note><backup><duration>24</duration></backup>"
            "<note><pitch><step>C</step><octave>4</octave></pitch><duration>24</duration><voice>2"
            "</voice></note><forward><duration>6</duration></forward><barline><repeat "
            "direction=\"backward\"/></barline></measure></part><part id=\"P2\"><measure>"
            "<harmony><root><root-step>G</root-step></root><kind text=\"7sus4\">other</kind>"
            "</harmony><note><grace/><pitch><step>E</step><octave>4</octave></pitch></note>"
            "</measure></part></score-partwise>"));
    } else if (target == "textcorpus") {
        out.push_back(bytes("tune \"Seed\"\n| Dm7 G7 | D4:8t E4 F4 A4:4 B4:8 C5 D5:4\n"
                            "| %      | r:2 C5:4. B4:8\nmeter 3/4\n| Cmaj7@2 | E4:4 G4 B4\n"));
    } else if (target == "midiinput") {
        // Eighths played a little late, swung eighths, a triplet, a chord, a held note.
        std::vector<uint8_t> eighths, swung, triplet;
        for (int i = 0; i < 8; ++i) {
            eighths.insert(eighths.end(), {0x90, uint8_t(60 + i), 90, uint8_t(i ? 4 : 20)});
            eighths.insert(eighths.end(), {0x80, uint8_t(60 + i), 0, 26});
            swung.insert(swung.end(), {0x90, uint8_t(62 + i), 80, uint8_t(i % 2 ? 21 : 11)});
            swung.insert(swung.end(), {0x90, uint8_t(62 + i), 0, uint8_t(i % 2 ? 11 : 32)});
        }
        for (int i = 0; i < 3; ++i) {
            triplet.insert(triplet.end(), {0x91, uint8_t(67 + i), 70, uint8_t(i ? 1 : 16)});
            triplet.insert(triplet.end(), {0x91, uint8_t(67 + i), 0, 20});
        }
        triplet.insert(triplet.end(), {0x90, 48, 60,   16, 0x90, 52, 60,   0,  0x90, 55,
                                       60,   1,  0xB0, 64, 127,  0,  0x80, 48, 0,    64});
        out = {eighths, swung, triplet};
    } else if (target == "ireal") {
        for (const char* s :
             {"irealbook://Two Five=Doe Jane=Medium Swing=Bb=n=T44{D-7 G7 |C^7 |r| |x }",
              "irealb://Waltz=A==Jazz%20Waltz=D-==1r34LbKcu7[T34D-7XyQ|G7XyQ<Fine>|E-7XyQ|"
              "A7 <D.C. al Fine>]==140=3===Set",
              "[T44*AF^7XyQ|SG-7 C7LZF^7XyQ|D7XyQQ|G-7 C7 <D.S. al Coda>][QG-7 C7LZF6XyQZ",
              "{*AT44C^7XyQ|A-7 D-7LZG7XyQKcl|N1C^7 A7LZD-7 G7 }|N2C^7XyQ|F^7 Bb7LZC^7XyQZ",
              "T12C7,D-7(A7b9) p W/E n |Eh7 Fo7 C-b6 G7alt <3x>|",
              "# chart\n| Dm7 G7 | Cmaj7 |\n% # again\n"})
            out.push_back(bytes(s));
    }
    return out;
}

} // namespace jazz::fuzz
