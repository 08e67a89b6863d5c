#include "BandPanel.h"

#include "accompany/Accompaniment.h"
#include "accompany/StyleLibrary.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QLabel>
#include <QPointer>
#include <QSlider>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

namespace jazz::ui {

BandPanel::BandPanel(StudioDocument* document, QWidget* parent)
    : QWidget(parent), document_(document) {
    auto* layout = new QVBoxLayout(this);
    auto* form = new QFormLayout;
    band_ = new QCheckBox(tr("On (MMA)"), this);
    band_->setToolTip(tr("Bass, drums and comping played by MMA under every take"));
    groove_ = new QComboBox(this);
    // A thousand grooves with long names: the picker must not set the column's width.
    groove_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    groove_->setMinimumContentsLength(12);
    groove_->addItem(
        tr("Default: %1 (%2 in 3/4)").arg(accompany::kDefaultStyle, accompany::kDefaultWaltzStyle),
        QString());
    try { // MMA's library is read once; a missing MMA is said when a take first needs it
        for (const auto& s : accompany::readStyles(accompany::defaultStyleDirectory())) {
            groove_->addItem(QString::fromStdString(s.name), QString::fromStdString(s.name));
            groove_->setItemData(groove_->count() - 1, QString::fromStdString(s.description),
                                 Qt::ToolTipRole);
        }
    } catch (const Error&) {
    }
    swing_ = new QDoubleSpinBox(this);
    swing_->setRange(0.95, 3.0); // 0.95 stands for "follow the tempo" (special value)
    swing_->setSingleStep(0.05);
    swing_->setSpecialValueText(tr("Follow the tempo"));
    swing_->setToolTip(tr("Long:short ratio of the solo's eighth pairs; 1 is straight"));
    countIn_ = new QCheckBox(tr("One bar"), this);
    countIn_->setToolTip(tr("One bar of the band before the take"));
    form->addRow(tr("Band"), band_);
    form->addRow(tr("Groove"), groove_);
    form->addRow(tr("Swing"), swing_);
    form->addRow(tr("Count-in"), countIn_);
    showInRoll_ = new QCheckBox(tr("Show in the piano roll"), this);
    showInRoll_->setToolTip(tr("The band's parts drawn faintly under the solo"));
    showInRoll_->setChecked(true);
    form->addRow(QString(), showInRoll_);
    connect(showInRoll_, &QCheckBox::toggled, this, &BandPanel::showInRollToggled);
    layout->addLayout(form);

    mixerRows_ = new QWidget(this);
    mixer_ = new QGridLayout(mixerRows_);
    mixer_->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(mixerRows_);
    auto* masterRow = new QFormLayout;
    master_ = new QSlider(Qt::Horizontal, this);
    master_->setRange(0, 100);
    masterRow->addRow(tr("Master"), master_);
    layout->addLayout(masterRow);
    message_ = new QLabel(this);
    message_->setWordWrap(true);
    layout->addWidget(message_);
    layout->addStretch(1);

    auto settingsFromWidgets = [this] {
        if (updating_)
            return;
        session::BandSettings b;
        b.enabled = band_->isChecked();
        b.style = groove_->currentData().toString().toStdString();
        b.swing = swing_->value() < 0.99 ? 0 : swing_->value();
        b.countIn = countIn_->isChecked();
        const session::BandSettings before = document_->band();
        document_->setBand(b);
        // A new groove, or the band switched, applies to the current take (on the next Play).
        if ((b.enabled != before.enabled || b.style != before.style) &&
            document_->currentTake() >= 0)
            accompany(document_->currentTake());
    };
    connect(band_, &QCheckBox::toggled, this, settingsFromWidgets);
    connect(groove_, &QComboBox::currentIndexChanged, this, settingsFromWidgets);
    connect(swing_, &QDoubleSpinBox::valueChanged, this, settingsFromWidgets);
    connect(countIn_, &QCheckBox::toggled, this, settingsFromWidgets);
    connect(master_, &QSlider::valueChanged, this, [this](int v) {
        if (updating_)
            return;
        perform::Mixer m = document_->mixer();
        m.master = v;
        document_->setMixer(m);
    });
    connect(document_, &StudioDocument::bandChanged, this, &BandPanel::showSettings);
    connect(document_, &StudioDocument::mixerChanged, this, &BandPanel::rebuildMixer);
    connect(document_, &StudioDocument::currentTakeChanged, this, &BandPanel::rebuildMixer);
    connect(document_, &StudioDocument::takeBandChanged, this, &BandPanel::rebuildMixer);
    connect(document_, &StudioDocument::takesChanged, this, [this] {
        const int n = document_->takeCount();
        const bool added = n == knownTakes_ + 1 && document_->currentTake() == n - 1;
        knownTakes_ = n;
        if (added && document_->band().enabled && document_->take(n - 1).arrangement.band.empty())
            accompany(n - 1);
        showSettings(); // a session opened brings its settings
    });
    knownTakes_ = document_->takeCount();
    showSettings();
}

BandPanel::~BandPanel() {
    // A window closed while MMA plays waits for it (well under a second, 20 s at most): the
    // worker holds nothing of ours, but the process must not end under it.
    if (worker_)
        worker_->wait();
}

QString BandPanel::message() const {
    return message_->text();
}

void BandPanel::showSettings() {
    updating_ = true;
    const session::BandSettings& b = document_->band();
    band_->setChecked(b.enabled);
    const int i = groove_->findData(QString::fromStdString(b.style));
    groove_->setCurrentIndex(std::max(0, i));
    swing_->setValue(b.swing > 0 ? b.swing : swing_->minimum());
    countIn_->setChecked(b.countIn);
    groove_->setEnabled(b.enabled);
    updating_ = false;
    rebuildMixer();
}

void BandPanel::accompany(int take) {
    if (take < 0 || take >= document_->takeCount())
        return;
    if (!document_->band().enabled) {
        document_->setTakeBand(take, {}, {});
        Q_EMIT bandReady(take);
        return;
    }
    queue_.push_back(take);
    startNext();
}

void BandPanel::startNext() {
    if (busy_ >= 0 || queue_.empty())
        return;
    busy_ = queue_.front();
    queue_.erase(queue_.begin());
    generate::Arrangement take = document_->take(busy_).arrangement;
    accompany::BandOptions o;
    o.style = document_->band().style;
    o.seed = document_->take(busy_).seed;
    message_->setText(tr("The band is learning the changes…"));
    QPointer<BandPanel> self(this);
    const int index = busy_;
    // MMA runs as a separate program; waiting for it never blocks the GUI thread.
    QThread* worker = QThread::create([take, o, self, index]() mutable {
        QString error;
        accompany::Accompaniment result;
        try {
            result = accompany::accompany(take, o);
        } catch (const Error& e) {
            error = QString::fromStdString(e.what());
        }
        QMetaObject::invokeMethod(qApp, [self, index, take, result, error] {
            if (!self)
                return;
            self->busy_ = -1;
            self->worker_ = nullptr;
            QString text;
            if (!error.isEmpty()) {
                text = error;
            } else if (!result.played) {
                // Said once: later takes keep their block chords quietly.
                text =
                    self->reportedMissing_ ? QString() : QString::fromStdString(result.unavailable);
                self->reportedMissing_ = true;
            } else {
                text = tr("%1: %2 parts")
                           .arg(QString::fromStdString(take.style))
                           .arg(take.band.size());
                for (const auto& n : result.notes)
                    text += "\n" + QString::fromStdString(n);
            }
            if (!text.isEmpty() || result.played)
                self->message_->setText(text);
            if (error.isEmpty() && index < self->document_->takeCount())
                self->document_->setTakeBand(index, take.band, take.style);
            Q_EMIT self->bandReady(index);
            self->startNext();
        });
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    worker_ = worker;
    worker->start();
}

void BandPanel::rebuildMixer() {
    updating_ = true;
    master_->setValue(document_->mixer().master);
    const int t = document_->currentTake();
    std::vector<std::string> parts;
    if (t >= 0)
        parts = document_->take(t).arrangement.partNames();
    QStringList names;
    for (const auto& p : parts)
        names << QString::fromStdString(p);
    QStringList shown;
    for (const auto& [name, row] : rows_)
        shown << name;
    std::sort(names.begin(), names.end());
    if (names != shown) { // the parts changed: new rows
        while (QLayoutItem* item = mixer_->takeAt(0)) {
            delete item->widget();
            delete item;
        }
        rows_.clear();
        int r = 0;
        for (const auto& p : parts) {
            const QString name = QString::fromStdString(p);
            auto* label = new QLabel(name, mixerRows_);
            auto* volume = new QSlider(Qt::Horizontal, mixerRows_);
            volume->setRange(0, 127);
            volume->setToolTip(tr("%1: volume").arg(name));
            auto* mute = new QToolButton(mixerRows_);
            mute->setText(tr("M"));
            mute->setCheckable(true);
            mute->setToolTip(tr("Mute %1").arg(name));
            auto* solo = new QToolButton(mixerRows_);
            solo->setText(tr("S"));
            solo->setCheckable(true);
            solo->setToolTip(tr("Solo %1: only soloed parts are heard").arg(name));
            mixer_->addWidget(label, r, 0);
            mixer_->addWidget(volume, r, 1);
            mixer_->addWidget(mute, r, 2);
            mixer_->addWidget(solo, r, 3);
            ++r;
            rows_[name] = {volume, mute, solo};
            connect(volume, &QSlider::valueChanged, this, [this, name](int v) {
                editMixer(name, [v](perform::PartMix& m) { m.volume = v; });
            });
            connect(mute, &QToolButton::toggled, this, [this, name](bool on) {
                editMixer(name, [on](perform::PartMix& m) { m.mute = on; });
            });
            connect(solo, &QToolButton::toggled, this, [this, name](bool on) {
                editMixer(name, [on](perform::PartMix& m) { m.solo = on; });
            });
        }
    }
    for (auto& [name, row] : rows_) {
        const perform::PartMix m = document_->mixer().part(name.toStdString());
        row.volume->setValue(m.volume);
        row.mute->setChecked(m.mute);
        row.solo->setChecked(m.solo);
    }
    updating_ = false;
}

void BandPanel::editMixer(const QString& part,
                          const std::function<void(perform::PartMix&)>& change) {
    if (updating_)
        return;
    perform::Mixer m = document_->mixer();
    perform::PartMix p = m.part(part.toStdString());
    change(p);
    m.parts[part.toStdString()] = p;
    document_->setMixer(m);
}

QAbstractButton* BandPanel::muteButton(const QString& part) const {
    const auto it = rows_.find(part);
    return it == rows_.end() ? nullptr : it->second.mute;
}

QAbstractButton* BandPanel::soloButton(const QString& part) const {
    const auto it = rows_.find(part);
    return it == rows_.end() ? nullptr : it->second.solo;
}

QSlider* BandPanel::volumeSlider(const QString& part) const {
    const auto it = rows_.find(part);
    return it == rows_.end() ? nullptr : it->second.volume;
}

} // namespace jazz::ui
