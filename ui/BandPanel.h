// The studio's Band section: band on/off, groove (MMA's library), swing and count-in, and a
// small mixer (per part volume, mute and solo, plus master). It puts MMA's band under each new
// take on a worker thread (a chorus takes MMA about 0.2 s) and says once when MMA is missing.
// Mixer changes reach a playing take at the next bar (the transport forwards them); band
// changes reach it on the next Play.
#pragma once

#include "StudioDocument.h"

#include <QWidget>

#include <functional>
#include <map>

class QAbstractButton;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGridLayout;
class QLabel;
class QSlider;
class QThread;

namespace jazz::ui {

class BandPanel : public QWidget {
    Q_OBJECT
public:
    explicit BandPanel(StudioDocument* document, QWidget* parent = nullptr);
    ~BandPanel() override;

    QCheckBox* bandBox() const { return band_; }
    QComboBox* grooveBox() const { return groove_; }
    QDoubleSpinBox* swingBox() const { return swing_; }
    QCheckBox* countInBox() const { return countIn_; }
    QCheckBox* showInRollBox() const { return showInRoll_; }
    QSlider* masterSlider() const { return master_; }
    // The mixer row's controls for a part of the current take, or nullptr.
    QAbstractButton* muteButton(const QString& part) const;
    QAbstractButton* soloButton(const QString& part) const;
    QSlider* volumeSlider(const QString& part) const;
    bool isBusy() const { return busy_ >= 0; }
    QString message() const;

    // Puts the band under a take (again), as the settings say; the result comes later.
    void accompany(int take);

Q_SIGNALS:
    void bandReady(int take); // MMA finished for the take (the band is on it, or not, and why)
    void showInRollToggled(bool on); // draw the band faintly in the piano roll

private:
    void startNext();
    void showSettings();
    void rebuildMixer();
    void editMixer(const QString& part, const std::function<void(perform::PartMix&)>& change);

    StudioDocument* document_;
    QCheckBox* band_;
    QComboBox* groove_;
    QDoubleSpinBox* swing_;
    QCheckBox* countIn_;
    QCheckBox* showInRoll_;
    QSlider* master_;
    QGridLayout* mixer_;
    QWidget* mixerRows_;
    QLabel* message_;
    struct Row {
        QSlider* volume;
        QAbstractButton *mute, *solo;
    };
    std::map<QString, Row> rows_;
    QThread* worker_ = nullptr; // MMA's worker while it runs
    int busy_ = -1;             // the take MMA is playing for
    std::vector<int> queue_;    // takes waiting
    int knownTakes_ = 0;        // to tell a new take from a session opened
    bool reportedMissing_ = false;
    bool updating_ = false;
};

} // namespace jazz::ui
