data "aws_ssm_parameter" "al2023" {
  name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
}

resource "aws_launch_template" "web" {
  name                   = "web-lt"
  image_id               = data.aws_ssm_parameter.al2023.value
  instance_type          = var.web_instance_type
  vpc_security_group_ids = [aws_security_group.app.id]
  user_data = base64encode(<<-EOT
    #!/bin/bash
    dnf install -y nginx
    echo "web $(hostname)" > /usr/share/nginx/html/index.html
    systemctl enable --now nginx
  EOT
  )
  tag_specifications {
    resource_type = "instance"
    tags          = merge(local.tags, { team = "storefront" })
  }
  tags = local.tags
}

resource "aws_lb" "shop" {
  name               = "shop-alb"
  load_balancer_type = "application"
  subnets            = aws_subnet.shop[*].id
  security_groups    = [aws_security_group.alb.id]
  tags               = local.tags
}

resource "aws_lb_target_group" "web" {
  name     = "web-tg"
  port     = 80
  protocol = "HTTP"
  vpc_id   = aws_vpc.shop.id
  health_check {
    path     = "/"
    interval = 10
  }
  tags = local.tags
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.shop.arn
  port              = 80
  protocol          = "HTTP"
  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
  tags = local.tags
}

resource "aws_autoscaling_group" "web" {
  name                      = "web"
  min_size                  = var.web_min
  desired_capacity          = var.web_desired
  max_size                  = var.web_max
  vpc_zone_identifier       = aws_subnet.shop[*].id
  target_group_arns         = [aws_lb_target_group.web.arn]
  health_check_type         = "EC2"
  health_check_grace_period = 60
  launch_template {
    id      = aws_launch_template.web.id
    version = "$Latest"
  }
  tag {
    key                 = "chaos:allowed"
    value               = "true"
    propagate_at_launch = true
  }
  tag {
    key                 = "team"
    value               = "storefront"
    propagate_at_launch = true
  }
}
