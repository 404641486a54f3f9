/* Made-up items (see synth.h). */
#include "base/synth.h"

#include <stdio.h>
#include <stdlib.h>

static const struct sample {
    enum item_kind kind;
    const char *title, *summary, *caption, *source;
} samples[] = {
    {ITEM_DIALOGUE, "Đối thoại Chính sách Quốc phòng Việt Nam – Singapore lần thứ 8",
     "Hai bên nhất trí tăng cường trao đổi đoàn, đào tạo, "
     "giao lưu sĩ quan trẻ và hợp tác cứu hộ – cứu nạn trong khuôn khổ ASEAN.",
     "Thượng tướng Hoàng Xuân Chiến và đối tác Singapore tại phiên đối thoại.", "Quân đội nhân dân"},
    {ITEM_INFOGRAPHIC, "Infographic: Những con số ấn tượng của Triển lãm Quốc phòng quốc tế",
     "Hơn 250 doanh nghiệp từ 30 quốc gia và vùng lãnh thổ tham gia, trưng bày trên diện tích 125.000 mét vuông.",
     "Đồ họa: Ban Tổ chức triển lãm.", "Báo Điện tử Chính phủ"},
    {ITEM_VIDEO, "Video: Màn trình diễn bay của Không quân nhân dân Việt Nam tại Gia Lâm",
     "Các tổ bay Su-30MK2 và Yak-130 thực hiện nhiều động tác kỹ thuật khó trước hàng nghìn khán giả.",
     "Biên đội Yak-130 bay chào mừng lễ khai mạc.", "VnExpress"},
    {ITEM_NEWS, "Khai mạc Triển lãm Quốc phòng quốc tế Việt Nam năm 2026",
     "Sáng 22-11, tại sân bay Gia Lâm, "
     "Bộ Quốc phòng khai mạc triển lãm với sự tham dự của nhiều đoàn đại biểu quốc tế.",
     "Quang cảnh lễ khai mạc triển lãm.", "Tuổi Trẻ"},
    {ITEM_DIALOGUE, "Hội đàm cấp cao Việt Nam – Hàn Quốc về hợp tác công nghiệp quốc phòng",
     "Hai bên trao đổi về chuyển giao công nghệ, đồng sản xuất và đào tạo nguồn nhân lực chất lượng cao.",
     "Các trưởng đoàn ký biên bản ghi nhớ hợp tác.", "Dân Trí"},
    {ITEM_NEWS, "Ưu tiên phát triển công nghiệp quốc phòng tự chủ, tự lực, tự cường, lưỡng dụng, hiện đại",
     "Nhiều sản phẩm do Việt Nam nghiên cứu, chế tạo được giới thiệu lần đầu: ra-đa, thiết bị bay không người lái, "
     "tàu mặt nước.",
     "Khách tham quan tìm hiểu sản phẩm của Tập đoàn Viettel.", "Quân đội nhân dân"},
    {ITEM_INFOGRAPHIC, "Infographic: Lịch trình các hoạt động chính trong bốn ngày triển lãm",
     "Khai mạc, hội thảo chuyên đề, trình diễn khí tài, giao lưu doanh nghiệp và ngày mở cửa cho công chúng.",
     "", "Ban Tổ chức"},
    {ITEM_VIDEO, "Video: Ấn tượng những khí tài mới của Hải quân nhân dân Việt Nam",
     "Mô hình tàu hộ vệ tên lửa, tàu ngầm và hệ thống tên lửa bờ được trưng bày tại khu vực ngoài trời.",
     "Mô hình tàu ngầm Kilo 636 tại gian trưng bày.", "VTV"},
    {ITEM_DIALOGUE, "Tham vấn quốc phòng Việt Nam – Ấn Độ: củng cố quan hệ Đối tác Chiến lược toàn diện",
     "Hai bên đánh giá cao kết quả hợp tác trong lĩnh vực gìn giữ hòa bình Liên hợp quốc và an ninh biển.",
     "Đoàn đại biểu hai nước chụp ảnh lưu niệm.", "Báo Nhân Dân"},
    {ITEM_NEWS, "Ngày mở cửa: hàng vạn người dân Thủ đô đến tham quan khu trưng bày ngoài trời",
     "Ban Tổ chức bố trí xe buýt miễn phí từ trung tâm thành phố; khách tham quan được hướng dẫn theo từng khu vực.",
     "Người dân xếp hàng vào cổng triển lãm từ sáng sớm.", "Hà Nội Mới"},
    {ITEM_NEWS, "Ở Gia Lâm, khối nghi lễ Quân đội nhân dân Việt Nam diễu hành chào mừng",
     "Khối nghi lễ gồm các lực lượng Lục quân, Hải quân, Phòng không – Không quân và Cảnh sát biển.",
     "Khối nghi lễ trên đường băng sân bay Gia Lâm.", "Quân đội nhân dân"},
    {ITEM_DIALOGUE, "Đối thoại an ninh biển: chia sẻ kinh nghiệm tìm kiếm cứu nạn trên biển",
     "Đại diện hải quân các nước ASEAN thảo luận cơ chế phối hợp và đường dây nóng trong tình huống khẩn cấp.",
     "Quang cảnh phiên đối thoại.", "Biên phòng"},
};

struct item_list *synth_items(size_t count)
{
    struct item_list *list = item_list_create();
    size_t n = sizeof samples / sizeof *samples;
    for (size_t i = 0; list && i < count; i++) {
        const struct sample *s = &samples[i % n];
        struct item item;
        item_init(&item);
        char id[32], title[512];
        snprintf(id, sizeof id, "synthetic-%zu", i);
        if (i < n)
            snprintf(title, sizeof title, "%s", s->title);
        else
            snprintf(title, sizeof title, "%s (bản tin %zu)", s->title, i / n + 1);
        item.kind = s->kind;
        char link[96];
        snprintf(link, sizeof link, "https://example.vn/trien-lam/bai-viet-%zu", i);
        bool ok = item_set(&item.id, id) && item_set(&item.title, title) && item_set(&item.summary, s->summary) &&
                  item_set(&item.link, link) &&
                  item_set(&item.source, s->source) && (!s->caption[0] || item_add_caption(&item, s->caption)) &&
                  item_list_push(list, &item);
        item_clear(&item);
        if (!ok) {
            item_list_destroy(list);
            return NULL;
        }
    }
    return list;
}

bool synth_add_pictures(struct item_list *list, const struct config *config)
{
    char *photo = config_asset_path(config, "demo/pictures/khu-trung-bay.jpg");
    char *infographic = config_asset_path(config, "demo/pictures/con-so.png");
    bool ok = photo && infographic;
    for (size_t i = 0; ok && i < list->count; i++) {
        struct item *item = &list->items[i];
        if (item->kind == ITEM_INFOGRAPHIC)
            ok = item_add_picture(item, infographic, "Đồ họa: Ban Tổ chức triển lãm.", 800, 3200);
        else if (item->kind != ITEM_DIALOGUE)
            ok = item_add_picture(item, photo, item->caption_count ? item->captions[0] : "", 1600, 900);
    }
    free(photo);
    free(infographic);
    return ok;
}

struct item_list *synth_items_for(const struct config *config, size_t count)
{
    struct item_list *list = synth_items(count);
    if (list && config->display.pictures && !synth_add_pictures(list, config)) {
        item_list_destroy(list);
        return NULL;
    }
    return list;
}
