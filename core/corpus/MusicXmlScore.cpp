#include "corpus/MusicXmlScore.h"

#include "Error.h"
#include "corpus/MusicXmlHarmony.h"
#include "theory/ChordSymbol.h"
#include "theory/Pitch.h"

#include <QXmlStreamReader>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

namespace jazz::corpus {

namespace {

constexpr double kEps = 1e-6;
// No element of a lead sheet lasts longer than this many quarter notes; larger values are
// damage (and would make the bar arithmetic meaningless).
constexpr double kMaxQuarters = 1e5;

class Parser {
public:
    Parser(const QByteArray& xml, std::string source) : xml_(xml), source_(std::move(source)) {}

    RawScore parse() {
        RawScore score;
        std::map<std::string, std::string> names; // part id -> part-name
        std::vector<std::string> order;
        if (!next())
            fail("no root element: not a MusicXML file");
        const QStringView root = xml_.name();
        if (root == u"score-timewise")
            fail("<score-timewise> scores are not supported; save it as a partwise score "
                 "(MuseScore, Finale and Sibelius write <score-partwise>)");
        if (root != u"score-partwise")
            fail("the root element is <" + xml_.name().toString().toStdString() +
                 ">, not <score-partwise>: not a MusicXML score");
        while (next()) {
            if (xml_.name() == u"part-list") {
                while (next()) {
                    if (xml_.name() != u"score-part") {
                        xml_.skipCurrentElement();
                        continue;
                    }
                    const std::string id = attribute("id");
                    order.push_back(id);
                    while (next()) {
                        if (xml_.name() == u"part-name")
                            names[id] = text();
                        else
                            xml_.skipCurrentElement();
                    }
                }
            } else if (xml_.name() == u"part") {
                RawPart part;
                part.id = attribute("id");
                part.name = names.count(part.id) ? names[part.id] : std::string();
                readPart(part, score);
                score.parts.push_back(std::move(part));
            } else {
                xml_.skipCurrentElement();
            }
        }
        check();
        if (score.parts.empty())
            fail("the score has no <part>");
        // Parts in <part-list> order, as every notation program lists them.
        std::stable_sort(score.parts.begin(), score.parts.end(),
                         [&](const RawPart& a, const RawPart& b) {
                             auto at = [&](const std::string& id) {
                                 return std::find(order.begin(), order.end(), id) - order.begin();
                             };
                             return at(a.id) < at(b.id);
                         });
        return score;
    }

private:
    // Reads to the next start element inside the current one; false at its end.
    bool next() {
        while (!xml_.atEnd()) {
            const auto t = xml_.readNext();
            if (t == QXmlStreamReader::StartElement)
                return true;
            if (t == QXmlStreamReader::EndElement)
                return false;
        }
        check();
        return false;
    }

    void check() {
        if (xml_.hasError())
            throw Error(source_ + ":" + std::to_string(xml_.lineNumber()) + ":" +
                        std::to_string(xml_.columnNumber()) +
                        ": XML error: " + xml_.errorString().toStdString());
    }

    [[noreturn]] void fail(const std::string& what) {
        std::string where = source_ + ":" + std::to_string(xml_.lineNumber()) + ": ";
        if (!measure_.empty())
            where += "measure " + measure_ + " of part " + part_ + ": ";
        throw Error(where + what);
    }

    std::string attribute(const char* name) {
        return xml_.attributes().value(QString::fromLatin1(name)).toString().toStdString();
    }

    std::string text() {
        const QString t = xml_.readElementText(QXmlStreamReader::IncludeChildElements);
        check();
        return t.trimmed().toStdString();
    }

    double number(const char* element, double lo, double hi) {
        const std::string t = text();
        bool ok = false;
        const double v = QString::fromStdString(t).toDouble(&ok);
        if (!ok || !std::isfinite(v) || v < lo || v > hi)
            fail("<" + std::string(element) + "> '" + t + "' is not a number from " +
                 QString::number(lo).toStdString() + " to " + QString::number(hi).toStdString());
        return v;
    }

    double quarters(const char* element, double lowest = 0) {
        const double v = number(element, lowest, 1e12) / divisions_;
        if (std::abs(v) > kMaxQuarters)
            fail("<" + std::string(element) + "> lasts more than " +
                 std::to_string(int(kMaxQuarters)) + " quarter notes");
        return v;
    }

    void readPart(RawPart& part, RawScore& score) {
        part_ = part.id;
        divisions_ = 1;
        transpose_ = 0;
        double start = 0;
        while (next()) {
            if (xml_.name() != u"measure") {
                xml_.skipCurrentElement();
                continue;
            }
            RawMeasure m;
            m.number = attribute("number");
            measure_ = m.number.empty() ? std::to_string(part.measures.size() + 1) : m.number;
            const bool implicit = attribute("implicit") == "yes";
            m.start = start;
            const double length = readMeasure(part, score, start);
            m.nominal = nominal_;
            // A pickup (implicit="yes", or a short first bar) lasts as long as what it holds;
            // other bars last their time signature, or longer when the notes run over it.
            if ((implicit || part.measures.empty()) && length > kEps && length < nominal_ - kEps)
                m.length = length;
            else
                m.length = std::max(length, nominal_);
            start += m.length;
            part.measures.push_back(m);
        }
        measure_.clear();
    }

    // Returns how far the measure's content reaches.
    double readMeasure(RawPart& part, RawScore& score, double start) {
        double pos = 0, reach = 0, lastStart = 0;
        while (next()) {
            const QStringView n = xml_.name();
            if (n == u"attributes") {
                readAttributes();
            } else if (n == u"note") {
                RawNote note;
                bool grace = false, cue = false, unpitched = false, hasDuration = false;
                int step = -1, octave = 4;
                double alter = 0;
                while (next()) {
                    const QStringView c = xml_.name();
                    if (c == u"grace") {
                        grace = true;
                        xml_.skipCurrentElement();
                    } else if (c == u"cue") {
                        cue = true;
                        xml_.skipCurrentElement();
                    } else if (c == u"chord") {
                        note.chord = true;
                        xml_.skipCurrentElement();
                    } else if (c == u"pitch") {
                        while (next()) {
                            if (xml_.name() == u"step") {
                                const std::string s = text();
                                const auto at = std::string("CDEFGAB").find(s);
                                if (s.size() != 1 || at == std::string::npos)
                                    fail("<step> '" + s + "' is not a letter A-G");
                                step = int(at);
                            } else if (xml_.name() == u"alter") {
                                alter = number("alter", -4, 4);
                            } else if (xml_.name() == u"octave") {
                                octave = int(number("octave", 0, 9));
                            } else {
                                xml_.skipCurrentElement();
                            }
                        }
                        if (step < 0)
                            fail("<pitch> without a <step>");
                    } else if (c == u"unpitched") {
                        unpitched = true;
                        xml_.skipCurrentElement();
                    } else if (c == u"notehead") {
                        // Slashes mark rhythm to comp ("play time here"), not a melody.
                        unpitched |= text() == "slash";
                    } else if (c == u"duration") {
                        note.duration = quarters("duration");
                        hasDuration = true;
                    } else if (c == u"voice") {
                        note.voice = text();
                    } else if (c == u"tie") {
                        const std::string t = attribute("type");
                        note.tieStart |= t == "start";
                        note.tieStop |= t == "stop";
                        xml_.skipCurrentElement();
                    } else if (c == u"notations") {
                        while (next()) {
                            if (xml_.name() == u"tied") {
                                const std::string t = attribute("type");
                                note.tieStart |= t == "start" || t == "continue";
                                note.tieStop |= t == "stop" || t == "continue";
                            }
                            xml_.skipCurrentElement();
                        }
                    } else {
                        // <rest>, <type>, <dot>, <time-modification> (the <duration> already
                        // holds the tuplet's time), <stem>, <beam>, <lyric>...
                        xml_.skipCurrentElement();
                    }
                }
                if (grace)
                    continue; // ornaments: no time of their own
                if (!hasDuration)
                    fail("<note> without a <duration>");
                if (note.voice.empty())
                    note.voice = "1";
                note.start = start + (note.chord ? lastStart : pos);
                if (!note.chord) {
                    lastStart = pos;
                    pos += note.duration;
                }
                reach = std::max(reach, pos);
                if (cue)
                    continue; // cue notes keep their time but do not sound
                if (step >= 0 && !unpitched) {
                    note.pitch = (octave + 1) * 12 + theory::stepPitchClass(step) +
                                 int(std::lround(alter)) + transpose_;
                    if (note.pitch < 0 || note.pitch > 127)
                        fail("a pitch outside the MIDI range");
                }
                part.notes.push_back(note);
            } else if (n == u"backup") {
                pos = std::max(0.0, pos - durationChild("backup"));
            } else if (n == u"forward") {
                pos += durationChild("forward");
                reach = std::max(reach, pos);
            } else if (n == u"harmony") {
                readHarmony(part, start + pos);
            } else if (n == u"barline") {
                while (next()) {
                    if (xml_.name() == u"repeat")
                        ++score.repeats;
                    else if (xml_.name() == u"ending" && attribute("type") == "start")
                        ++score.endings;
                    xml_.skipCurrentElement();
                }
            } else {
                xml_.skipCurrentElement();
            }
        }
        return reach;
    }

    double durationChild(const char* element) {
        std::optional<double> d;
        while (next()) {
            if (xml_.name() == u"duration")
                d = quarters("duration");
            else
                xml_.skipCurrentElement();
        }
        if (!d)
            fail("<" + std::string(element) + "> without a <duration>");
        return *d;
    }

    void readAttributes() {
        while (next()) {
            const QStringView n = xml_.name();
            if (n == u"divisions") {
                divisions_ = number("divisions", 1e-3, 1e9);
            } else if (n == u"time") {
                double beats = 0, beatType = 0;
                bool free = false; // <senza-misura>: the bar keeps its last length
                while (next()) {
                    if (xml_.name() == u"beats") {
                        // "3+2" (additive meters) counts as 5.
                        const std::string t = text();
                        for (const QString& part : QString::fromStdString(t).split('+')) {
                            bool ok = false;
                            const double b = part.trimmed().toDouble(&ok);
                            if (!ok || !(b > 0) || b > 1000)
                                fail("<beats> '" + t + "' is not a number of beats");
                            beats += b;
                        }
                    } else if (xml_.name() == u"beat-type") {
                        beatType = number("beat-type", 1, 1024);
                    } else if (xml_.name() == u"senza-misura") {
                        free = true;
                        xml_.skipCurrentElement();
                    } else {
                        xml_.skipCurrentElement();
                    }
                }
                if (!free && (beats <= 0 || beatType <= 0))
                    fail("<time> needs <beats> and <beat-type>");
                if (!free)
                    nominal_ = beats * 4.0 / beatType;
            } else if (n == u"transpose") {
                int chromatic = 0, octaves = 0;
                while (next()) {
                    if (xml_.name() == u"chromatic")
                        chromatic = int(std::lround(number("chromatic", -48, 48)));
                    else if (xml_.name() == u"octave-change")
                        octaves = int(std::lround(number("octave-change", -4, 4)));
                    else
                        xml_.skipCurrentElement();
                }
                // Written pitch plus the transposition sounds: the lead sheet is in concert.
                transpose_ = chromatic + 12 * octaves;
            } else {
                xml_.skipCurrentElement();
            }
        }
    }

    // <root-step> or <bass-step> with its <...-alter>, as a pitch class.
    int readStepWithAlter(const char* stepName, const char* alterName) {
        int step = -1;
        double alter = 0;
        while (next()) {
            if (xml_.name() == QLatin1String(stepName)) {
                const std::string s = text();
                const auto at = std::string("CDEFGAB").find(s);
                if (s.size() != 1 || at == std::string::npos)
                    fail("<" + std::string(stepName) + "> '" + s + "' is not a letter A-G");
                step = int(at);
            } else if (xml_.name() == QLatin1String(alterName)) {
                alter = number(alterName, -4, 4);
            } else {
                xml_.skipCurrentElement();
            }
        }
        if (step < 0)
            fail("<" + std::string(stepName) + "> missing");
        return ((theory::stepPitchClass(step) + int(std::lround(alter)) + transpose_) % 12 + 12) %
               12;
    }

    void readHarmony(RawPart& part, double at) {
        std::optional<int> root, bass;
        std::string kind, kindText;
        bool hasKind = false;
        std::vector<HarmonyDegree> degrees;
        double offset = 0;
        int inversion = 0;
        while (next()) {
            const QStringView n = xml_.name();
            if (n == u"inversion") {
                inversion = int(std::lround(number("inversion", 0, 12)));
            } else if (n == u"root") {
                root = readStepWithAlter("root-step", "root-alter");
            } else if (n == u"bass") {
                bass = readStepWithAlter("bass-step", "bass-alter");
            } else if (n == u"kind") {
                kindText = attribute("text");
                kind = text();
                hasKind = true;
            } else if (n == u"degree") {
                HarmonyDegree d;
                bool value = false;
                while (next()) {
                    if (xml_.name() == u"degree-value") {
                        d.value = int(std::lround(number("degree-value", 1, 99)));
                        value = true;
                    } else if (xml_.name() == u"degree-alter") {
                        d.alter = int(std::lround(number("degree-alter", -4, 4)));
                    } else if (xml_.name() == u"degree-type") {
                        const std::string t = text();
                        if (t == "add")
                            d.type = HarmonyDegree::Add;
                        else if (t == "alter")
                            d.type = HarmonyDegree::Alter;
                        else if (t == "subtract")
                            d.type = HarmonyDegree::Subtract;
                        else
                            fail("<degree-type> '" + t + "' is not add, alter or subtract");
                    } else {
                        xml_.skipCurrentElement();
                    }
                }
                if (!value)
                    fail("<degree> without a <degree-value>");
                degrees.push_back(d);
            } else if (n == u"offset") {
                offset = quarters("offset", -1e12); // a symbol written after its note
            } else {
                // <function> (a roman numeral: no root without a key), <frame>, <staff>...
                xml_.skipCurrentElement();
            }
        }
        if (!hasKind)
            fail("<harmony> without a <kind>");
        RawHarmony h;
        h.start = std::max(0.0, at + offset);
        if (kind == "none") { // N.C.
            part.harmonies.push_back(h);
            return;
        }
        if (!root) {
            ++part.skippedHarmonies;
            return;
        }
        std::optional<std::vector<int>> intervals = kindIntervals(kind);
        if (!intervals && !kindText.empty()) {
            // kind "other" (or a value of a later MusicXML): read the printed suffix instead.
            if (const auto c = theory::ChordSymbol::tryParse("C" + kindText, nullptr);
                c && !c->isNoChord())
                intervals = c->intervals();
        }
        if (!intervals || intervals->empty()) {
            ++part.skippedHarmonies;
            return;
        }
        const std::vector<int> tones = applyDegrees(kind, *intervals, degrees);
        // <inversion> 1 puts the chord's second tone (its 3rd) in the bass, 2 its third...
        if (!bass && inversion > 0 && size_t(inversion) < tones.size())
            bass = (*root + tones[size_t(inversion)]) % 12;
        h.pitches = voiceHarmony(*root, tones, bass);
        part.harmonies.push_back(h);
    }

    QXmlStreamReader xml_;
    std::string source_;
    std::string part_, measure_; // where we are, for error messages
    double divisions_ = 1;
    double nominal_ = 4; // the time signature's bar length in quarter notes
    int transpose_ = 0;
};

} // namespace

RawScore parseScore(const QByteArray& xml, const std::string& source) {
    return Parser(xml, source).parse();
}

} // namespace jazz::corpus
