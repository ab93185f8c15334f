"""A synthetic bilingual corpus, for measuring search (see bench/).

Articles, experts and opinions with French and Chinese text drawn from small
vocabularies with a Zipf-like frequency (a few very common words, many rare
ones), written with bulk_create, then indexed once. Most articles are
published; some are drafts or scheduled, so visibility filtering has work.
Generated objects have slugs starting with ``corpus-``.
"""

import itertools
import random
import time
from datetime import timedelta

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Article, Block, Opinion, Person, Stance
from reading.caching import content_changed

PREFIX = "corpus-"

# Common words first: the weights fall with the rank.
_FRENCH = (
    "le la les de des un une et est que qui pour dans ne pas plus client clients "
    "service toujours raison entreprise réponse réponses vendeur satisfaction qualité "
    "produit produits relation conseil équipe employés écoute confiance fidélité marché "
    "prix plainte plaintes expérience commande livraison remboursement garantie magasin "
    "boutique commerce stratégie marque image valeur besoin besoins attente attentes "
    "exigence exigences politesse respect erreur erreurs problème problèmes solution "
    "solutions dialogue patience colère conflit médiation règle règles exception "
    "direction manager managers formation compétence personnel accueil téléphone courriel "
    "réseau avis note étoile recommandation réputation roi rois vérité mensonge promesse "
    "contrat facture paiement rabais fidèle fidèles heureux mécontent mécontents exigeant "
    "difficile rapide lent honnête juste injuste raisonnable déraisonnable économique "
    "rentabilité croissance perte bénéfice coût coûts investissement durée semaine année "
    "histoire principe maxime dicton proverbe opinion débat question argument preuve "
    "étude enquête chiffre statistique sondage tendance avenir passé présent"
)
FRENCH_WORDS = _FRENCH.split()

# Single characters and a few frequent words, as Chinese text is written.
_CHINESE = (
    "的 是 不 了 在 人 有 我 他 這 個 們 中 來 上 大 為 和 國 地 到 以 說 時 要 就 出 會 "
    "可 也 你 對 生 能 而 子 那 得 於 著 下 自 之 年 過 發 後 作 裡 用 道 行 所 然 家 種 事 "
    "成 方 多 經 麼 去 法 學 如 都 同 現 當 沒 動 面 起 看 定 天 分 還 進 好 小 部 其 些 主 "
    "樣 理 心 她 本 前 開 但 因 只 從 想 實 顧客 客戶 服務 永遠 回應 品質 產品 關係 建議 "
    "團隊 員工 傾聽 信任 忠誠 市場 價格 投訴 經驗 訂單 退款 保證 商店 策略 品牌 價值 "
    "需求 期待 禮貌 尊重 錯誤 問題 方法 對話 耐心 憤怒 衝突 規則 例外 管理 培訓 能力 "
    "評價 推薦 聲譽 國王 真相 承諾 合約 付款 折扣 滿意 不滿 困難 快速 誠實 公平 合理 "
    "利潤 成長 成本 投資 歷史 原則 格言 意見 辯論 論點 證據 研究 調查 數字 趨勢 未來"
)
CHINESE_UNITS = _CHINESE.split()


def _weights(size):
    return [1 / (rank + 1) ** 0.9 for rank in range(size)]


class TextMaker:
    def __init__(self, rng):
        self.rng = rng
        self.fr_weights = list(itertools.accumulate(_weights(len(FRENCH_WORDS))))
        self.zh_weights = list(itertools.accumulate(_weights(len(CHINESE_UNITS))))

    def french(self, words):
        chosen = self.rng.choices(FRENCH_WORDS, cum_weights=self.fr_weights, k=words)
        return " ".join(chosen).capitalize()

    def chinese(self, units):
        return "".join(self.rng.choices(CHINESE_UNITS, cum_weights=self.zh_weights, k=units))

    def french_paragraph(self):
        return " ".join(self.french(self.rng.randint(8, 18)) + "." for _ in range(3))

    def chinese_paragraph(self):
        return "".join(self.chinese(self.rng.randint(8, 16)) + "。" for _ in range(3))


class Command(BaseCommand):
    help = "Generate a synthetic bilingual corpus (articles, opinions, experts) for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100)
        parser.add_argument("--opinions", type=int, default=3, help="opinions per article")
        parser.add_argument("--people", type=int, default=200)
        parser.add_argument("--blocks", type=int, default=4, help="paragraphs per article")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--replace", action="store_true", help="delete a previously generated corpus first"
        )
        parser.add_argument("--no-index", action="store_true", help="skip rebuilding the index")

    def handle(self, **options):
        if options["articles"] < 0 or options["people"] < 1:
            raise CommandError("--articles must be >= 0 and --people >= 1.")
        started = time.perf_counter()
        existing = Article.objects.filter(slug__startswith=PREFIX)
        if existing.exists():
            if not options["replace"]:
                raise CommandError("A generated corpus exists already: use --replace.")
            with transaction.atomic():
                existing.delete()
                Person.objects.filter(slug__startswith=PREFIX, opinions=None).delete()
        with transaction.atomic():
            counts = self.generate(random.Random(options["seed"]), options)  # noqa: S311
        self.stdout.write(
            "Generated {articles} articles, {opinions} opinions, {people} experts, "
            "{blocks} blocks in {seconds:.1f} s.".format(
                seconds=time.perf_counter() - started, **counts
            )
        )
        if not options["no_index"]:
            call_command("rebuild_search_index", stdout=self.stdout)

    def generate(self, rng, options):
        text = TextMaker(rng)
        now = timezone.now()
        people = Person.objects.bulk_create(
            Person(
                slug=f"{PREFIX}expert-{n}",
                name_fr=f"Expert {n} {text.french(1)}",
                name_zh_hant=f"專家{n}",
                role_fr=text.french(2),
                role_zh_hant=text.chinese(2),
                organisation_fr=f"Société {text.french(1)}",
                organisation_zh_hant=f"{text.chinese(2)}公司",
                bio_fr=text.french(20) + ".",
                bio_zh_hant=text.chinese(20) + "。",
            )
            for n in range(options["people"])
        )
        articles = []
        for n in range(options["articles"]):
            draw = rng.random()
            status = Article.Status.DRAFT if draw < 0.05 else Article.Status.PUBLISHED
            # 5% scheduled for later; the rest spread over five years.
            offset = timedelta(days=rng.randint(1, 30)) if draw > 0.95 else None
            age = timedelta(minutes=rng.randint(1, 2_600_000))
            published_at = now + offset if offset else now - age
            articles.append(
                Article(
                    slug=f"{PREFIX}{n}",
                    title_fr=text.french(rng.randint(4, 9)),
                    # One article in ten is not translated yet.
                    title_zh_hant=text.chinese(rng.randint(5, 10)) if n % 10 else "",
                    standfirst_fr=text.french(rng.randint(15, 25)) + ".",
                    standfirst_zh_hant=text.chinese(rng.randint(15, 25)) + "。" if n % 10 else "",
                    status=status,
                    published_at=published_at,
                    stance=rng.choice(Stance.values),
                    source_name="Corpus",
                )
            )
        articles = Article.objects.bulk_create(articles, batch_size=1000)

        blocks = []
        opinions = []
        for article in articles:
            translated = bool(article.title_zh_hant)
            for position in range(1, options["blocks"] + 1):
                blocks.append(
                    Block(
                        article=article,
                        position=position,
                        text_fr=text.french_paragraph(),
                        text_zh_hant=text.chinese_paragraph() if translated else "",
                    )
                )
            for position, person in enumerate(rng.sample(people, options["opinions"]), start=1):
                opinions.append(
                    Opinion(
                        article=article,
                        person=person,
                        position=position,
                        anchor=person.slug,
                        stance=rng.choice(Stance.values),
                        headline_fr=text.french(rng.randint(4, 8)),
                        headline_zh_hant=text.chinese(rng.randint(4, 8)) if translated else "",
                    )
                )
        opinions = Opinion.objects.bulk_create(opinions, batch_size=2000)
        for opinion in opinions:
            blocks.append(
                Block(
                    opinion=opinion,
                    position=1,
                    text_fr=text.french_paragraph(),
                    text_zh_hant=text.chinese_paragraph() if opinion.headline_zh_hant else "",
                )
            )
        Block.objects.bulk_create(blocks, batch_size=2000)
        # bulk_create sends no signals: the lists' stored translation status, and a
        # new content version for the pages and figures running servers keep.
        Article.objects.refresh_translation_status()
        content_changed()
        return {
            "articles": len(articles),
            "opinions": len(opinions),
            "people": len(people),
            "blocks": len(blocks),
        }
