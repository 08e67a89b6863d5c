#include "FeatureNames.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <map>

namespace jazz::ui {

namespace {
QString tr(const char* s) {
    return QCoreApplication::translate("FeatureNames", s);
}
} // namespace

FeatureText featureText(const std::string& key) {
    static const std::map<std::string, std::pair<const char*, const char*>> known = {
        {"chord_tone_ratio",
         {"Notes on chord tones", "Share of the notes that are tones of the chord sounding (root, "
                                  "3rd, 5th, 7th, tensions written in the symbol)"}},
        {"chord_tone_ratio_duration",
         {"Time on chord tones", "Share of the sounding time spent on tones of the chord"}},
        {"scale_tone_ratio",
         {"Notes in the chord's scale", "Share of the notes that belong to the chord's scale"}},
        {"scale_tone_ratio_duration",
         {"Time in the chord's scale", "Share of the sounding time spent in the chord's scale"}},
        {"pc_entropy_1bar",
         {"Bar pitch variety", "How many different pitch classes a bar uses (entropy, bits): low "
                               "repeats notes, high wanders"}},
        {"pc_entropy_4bar", {"Phrase pitch variety", "The same over four-bar phrases (bits)"}},
        {"groove_similarity",
         {"Rhythm kept bar to bar", "How alike the rhythms of neighbouring bars are (0 to 1)"}},
        {"notes_per_bar", {"Notes per bar", "How busy the line is"}},
        {"pitch_range", {"Range (semitones)", "From the lowest to the highest note"}},
        {"mean_abs_interval",
         {"Average step (semitones)",
          "Mean size of the move from one note to the next: small is stepwise, large is leaping"}},
        {"longest_copied_run_p95",
         {"Longest copied run (notes)",
          "The longest run of notes copied from the corpus, in 95% of the solos: high means "
          "quoting rather than improvising"}},
    };
    const auto it = known.find(key);
    if (it != known.end())
        return {tr(it->second.first), tr(it->second.second)};
    QString name = QString::fromStdString(key).replace('_', ' ');
    if (!name.isEmpty())
        name[0] = name[0].toUpper();
    return {name, name};
}

QString targetText(const std::string& target) {
    const QString t = QString::fromStdString(target);
    static const QRegularExpression within(R"(^(\w+): \|solos - corpus\| <= ([\d.]+)(.*)$)");
    static const QRegularExpression overlap(R"(^overlap (\w+) >= ([\d.]+)$)");
    static const QRegularExpression atMost(R"(^(\w+) <= ([\d.]+)(.*)$)");
    if (const auto m = within.match(t); m.hasMatch())
        return tr("%1: solos within %2%3 of the corpus")
            .arg(featureText(m.captured(1).toStdString()).name, m.captured(2), m.captured(3));
    if (const auto m = overlap.match(t); m.hasMatch())
        return tr("%1: solos and corpus overlap at least %2%")
            .arg(featureText(m.captured(1).toStdString()).name)
            .arg(qRound(m.captured(2).toDouble() * 100));
    if (const auto m = atMost.match(t); m.hasMatch())
        return tr("%1: at most %2%3")
            .arg(featureText(m.captured(1).toStdString()).name, m.captured(2), m.captured(3));
    return QString(t).replace('_', ' ');
}

} // namespace jazz::ui
