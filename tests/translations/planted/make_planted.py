"""The planted fixtures: one clean group (the post in four languages, written for these tests) and
one group per planted defect, each a change of one version. Run ``python3 make_planted.py .`` here
after changing it; ``expected.tsv`` lists the finding each defect must give."""
import os
import sys

EN = '''---
lang: en
title: Planting a garden
translated: false
---

Our community garden opened in 2019 with 12 beds and 3 volunteers.

## Soil

We test the soil every 6 months; the last test showed 45% organic matter. The method is explained by [the extension service](https://extension.example.org/soil-guide).

Run `soil-report --plot 4` to print the latest numbers, or `soil-report --user username` for your own beds.

## The talk

In the recorded talk, the part about compost starts at (12:30) and the questions at 1:05:10 ([video](https://video.example.org/talks/garden)).

## Tools

- A spade, a rake and a hose.
- A notebook for the planting dates.

```bash
# count the plots
cd ~/garden
echo "Counting plots"
ls plots/ | wc -l
```

## Next season

We plan to add 4 beds and to open on Saturdays. Read [the plan](https://garden.example.org/plan) for the details.
'''

FR = '''---
lang: fr
title: Planter un jardin
translated: true
---

Notre jardin partagé a ouvert en 2019 avec 12 parcelles et 3 bénévoles.

## Le sol

Nous analysons le sol tous les 6 mois ; la dernière analyse montrait 45 % de matière organique. La méthode est expliquée par [le service de vulgarisation](https://extension.example.org/soil-guide).

Lancez `soil-report --plot 4` pour afficher les derniers chiffres, ou `soil-report --user nom_utilisateur` pour vos propres parcelles.

## La conférence

Dans la conférence enregistrée, la partie sur le compost commence à (12:30) et les questions à 1:05:10 ([vidéo](https://video.example.org/talks/garden)).

## Outils

- Une bêche, un râteau et un tuyau.
- Un carnet pour les dates de plantation.

```bash
# compter les parcelles
cd ~/garden
echo "Comptage des parcelles"
ls plots/ | wc -l
```

## La saison prochaine

Nous prévoyons d'ajouter 4 parcelles et d'ouvrir le samedi. Lisez [le plan](https://garden.example.org/plan) pour les détails.
'''

DE = '''---
lang: de
title: Einen Garten anlegen
translated: true
---

Unser Gemeinschaftsgarten wurde 2019 mit 12 Beeten und 3 Freiwilligen eröffnet.

## Der Boden

Wir untersuchen den Boden alle 6 Monate; die letzte Untersuchung ergab 45 % organische Substanz. Die Methode erklärt [der Beratungsdienst](https://extension.example.org/soil-guide).

Führen Sie `sudo soil-report --plot 4` aus, um die neuesten Zahlen anzuzeigen, oder `soil-report --user Benutzername` für Ihre eigenen Beete.

## Der Vortrag

Im aufgezeichneten Vortrag beginnt der Teil über Kompost bei (12:30) und die Fragen bei 1:05:10 ([Video](https://video.example.org/talks/garden)).

## Werkzeuge

- Ein Spaten, ein Rechen und ein Schlauch.
- Ein Notizbuch für die Pflanztermine.

```bash
# die Beete zählen
cd ~/garden
echo "Beete werden gezählt"
ls plots/ | wc -l
```

## Die nächste Saison

Wir wollen 4 Beete hinzufügen und samstags öffnen. Lesen Sie [den Plan](https://garden.example.org/plan) für die Einzelheiten.
'''

JA = '''---
lang: ja
title: 庭をつくる
translated: true
---

私たちのコミュニティガーデンは2019年に12の区画と3人のボランティアで始まりました。

## 土壌

土壌は6か月ごとに検査しています。前回の検査では有機物が45%でした。方法は[普及サービス](https://extension.example.org/soil-guide)が説明しています。

最新の数値を表示するには`soil-report --plot 4`を、自分の区画には`soil-report --user ユーザー名`を実行します。

## 講演

録画された講演では、堆肥の話は12分30秒から、質問は1時間5分10秒から始まります（[動画](https://video.example.org/talks/garden)）。

## 道具

- スコップ、熊手、ホース。
- 植え付けの日付を書くノート。

```bash
# 区画を数える
cd ~/garden
echo "区画を数えています"
ls plots/ | wc -l
```

## 次のシーズン

区画を4つ増やし、土曜日に開く予定です。詳しくは[計画](https://garden.example.org/plan)をお読みください。
'''

VERSIONS = {"en": EN, "fr": FR, "de": DE, "ja": JA}


def planted(name: str, changes: dict) -> None:
    for language, text in VERSIONS.items():
        for old, new in changes.get(language, ()):
            assert old in text, (name, language, old)
            text = text.replace(old, new, 1)
        folder = os.path.join(sys.argv[1], "_posts", language)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"2025-03-01-{name}-{language}.md"), "w", encoding="utf-8") as stream:
            stream.write(text)


planted("clean", {})
planted("small-number", {"fr": [("12 parcelles et 3 bénévoles", "12 parcelles et 5 bénévoles")]})
planted("percentage", {"de": [("45 % organische", "54 % organische")]})
planted("dropped-link", {"fr": [(" La méthode est expliquée par [le service de vulgarisation](https://extension.example.org/soil-guide).", "")]})
planted("cjk-timestamp", {"ja": [("1時間5分10秒", "1時間5分01秒")]})
planted("damaged-url", {"de": [("(https://garden.example.org/plan)", "(https://garden．example．org/plan)")]})
planted("dropped-end", {"ja": [(JA[JA.index("## 次のシーズン"):], "")]})
planted("inline-code", {"de": [("`sudo soil-report --plot 4`", "`sudo bodenbericht --beet 4`")]})
planted("lost-fence-translation", {"fr": [("```bash\n# compter", "# compter"), ("wc -l\n```\n", "wc -l\n")]})
planted("lost-fence-original", {"en": [("```bash\n# count", "# count"), ("wc -l\n```\n", "wc -l\n")]})
planted("real-path", {"de": [("cd ~/garden\necho \"Beete", "cd ~/Garten\necho \"Beete")]})
planted("untranslated", {"de": [("Wir wollen 4 Beete hinzufügen und samstags öffnen. Lesen Sie [den Plan](https://garden.example.org/plan) für die Einzelheiten.",
                                 "We plan to add 4 beds and to open on Saturdays. Read [the plan](https://garden.example.org/plan) for the details.")]})
